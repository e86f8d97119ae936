import { AppError } from '../../platform/errors.ts';
import { type MessageNumber, type Standard, messageName } from './codes.ts';
import { type AssignmentMessage, type AssignmentRetour, buildAssignment, parseAssignment, parseAssignmentRetour } from './assignment.ts';
import { buildStart, buildStop, type DeliveryRetour, parseDeliveryRetour, parseStart, parseStop, type StartMessage, type StopMessage } from './delivery.ts';
import {
  type AssignmentRequest, buildAssignmentRequest, buildChangeRequest, buildRequestAnswer, type ChangeRequest,
  parseAssignmentRequest, parseChangeRequest, parseRequestAnswer, parseRequestRetour, type RequestAnswer, type RequestRetour,
} from './request.ts';
import { buildClaim, buildClaimAnswer, type Claim, type ClaimAnswer, parseClaim, parseClaimAnswer } from './claim.ts';
import { type RuleContext, rulesOf } from './rules.ts';
import { validateXsd, type XmlProblem } from './xsd-validator.ts';

/**
 * The one way a message is made or read. Outgoing: build → XSD → business rules; a message
 * with any problem is refused (AppError `iwmo_message_invalid`) and never leaves. Incoming:
 * XSD → parse → business rules; the result says what is wrong instead of throwing, so the
 * caller can put it on the error queue with a readable reason.
 */

export type MessageOf = {
  '301': AssignmentMessage; '302': AssignmentRetour; '305': StartMessage; '306': DeliveryRetour; '307': StopMessage; '308': DeliveryRetour;
  '315': AssignmentRequest; '316': RequestRetour; '317': ChangeRequest; '318': RequestRetour; '319': RequestAnswer; '323': Claim; '325': ClaimAnswer;
};

/** Retours (302, 306, 308, 316, 318) are built from the message they answer (buildAssignmentRetour, buildDeliveryRetour, buildRequestRetour) and sealed with sealOutgoing. */
type Retour = '302' | '306' | '308' | '316' | '318';
const builders: { [N in Exclude<MessageNumber, Retour>]: (m: MessageOf[N]) => string } = {
  301: buildAssignment, 305: buildStart, 307: buildStop, 315: buildAssignmentRequest, 317: buildChangeRequest,
  319: buildRequestAnswer, 323: buildClaim, 325: buildClaimAnswer,
};
const parsers: { [N in MessageNumber]: (xml: string, standard: Standard) => MessageOf[N] } = {
  301: parseAssignment, 302: parseAssignmentRetour, 305: parseStart, 306: parseDeliveryRetour, 307: parseStop, 308: parseDeliveryRetour, 315: parseAssignmentRequest,
  316: parseRequestRetour, 317: parseChangeRequest, 318: parseRequestRetour, 319: parseRequestAnswer, 323: parseClaim, 325: parseClaimAnswer,
};

export const describeProblem = (p: XmlProblem) =>
  `${p.line ? `line ${p.line}` : 'rule'}${p.element ? `, element ${p.element}` : ''}: ${p.message}`;

function refuse(standard: Standard, n: MessageNumber, problems: XmlProblem[]): never {
  throw new AppError('iwmo_message_invalid', 422,
    `${messageName(standard, n)} is ongeldig en wordt niet verzonden / is invalid and is not sent: ${problems.map(describeProblem).join('; ')}`,
    undefined, { problems });
}

/** Checks an outgoing message text against its XSD and its rules; returns it, or throws. */
export function sealOutgoing<N extends MessageNumber>(n: N, standard: Standard, xml: string, ctx: RuleContext = {}): string {
  const xsd = validateXsd(xml, { standard, n });
  if (!xsd.ok) refuse(standard, n, xsd.problems);
  const problems = rulesOf(n, parsers[n](xml, standard), ctx);
  if (problems.length) refuse(standard, n, problems);
  return xml;
}

/**
 * Builds an outgoing message and checks it: the XSD on the text as it will leave, the rules on
 * the message it was built from (the builder writes every field as given, which the round-trip
 * tests prove; reading the text back would double the cost of a 301).
 */
export function composeMessage<N extends Exclude<MessageNumber, Retour>>(n: N, m: MessageOf[N] & { standard: Standard }, ctx: RuleContext = {}): string {
  const xml = builders[n](m);
  const xsd = validateXsd(xml, { standard: m.standard, n });
  if (!xsd.ok) refuse(m.standard, n, xsd.problems);
  const problems = rulesOf(n, m, ctx);
  if (problems.length) refuse(m.standard, n, problems);
  return xml;
}

export type ReadResult =
  | { ok: true; standard: Standard; n: MessageNumber; message: MessageOf[MessageNumber] }
  /** `schemaValid`: it passed its XSD and broke a business rule (so it can be parsed, and answered with a retour). */
  | { ok: false; standard: Standard | null; n: MessageNumber | null; problems: XmlProblem[]; schemaValid: boolean };

/** Reads any iWmo / iJw 3.2 message we know: which one follows from its namespace. */
export function readMessage(xml: string, ctx: RuleContext = {}): ReadResult {
  const xsd = validateXsd(xml);
  if (!xsd.ok) return { ...xsd, schemaValid: false };
  const message = parsers[xsd.n](xml, xsd.standard);
  const problems = rulesOf(xsd.n, message, ctx);
  return problems.length ? { ok: false, standard: xsd.standard, n: xsd.n, problems, schemaValid: true } : { ok: true, standard: xsd.standard, n: xsd.n, message };
}
