import type { Db, Queryable } from '../../platform/db.ts';
import { conflict, notFound, unprocessable } from '../../platform/errors.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Store } from '../../platform/store.ts';
import { VerzoekAntwoord } from './codes.ts';
import { parseAssignmentRequest, parseChangeRequest, parseRequestAnswer } from './request.ts';
import { composeMessage } from './messages.ts';
import { storeAndSend } from './exchange.ts';
import { answersTo, getMessage, listReceivedRequests, lockMessage, markApplied, nextIdentification, type StoredMessage } from './store.ts';
import type { Transport } from './transport.ts';

/**
 * The work queue of requests (315 verzoek om toewijzing, 317 verzoek om wijziging) and the
 * municipality's 319 on each requested product it does not (yet) grant with a 301: rejected
 * (VerzoekAntwoord 1, with a reason) or under investigation (2). A request leaves the queue when
 * every reference in it has a final answer (a 319 "rejected"; a grant goes out as a 301).
 */

export const listRequests = (q: Queryable) => listReceivedRequests(q);

export type RequestedLine = {
  reference: string; productCode: string | null; from: string | null; to: string | null; volume: number | null;
  /** The last 319 sent on this reference: 'rejected' (final) or 'investigating'; null when not yet answered. */
  answer: 'rejected' | 'investigating' | null;
};

/** What a request in the work queue asks for, per reference, with the answers sent so far (no client data: the BSN stays in the message). */
export async function requestLines(q: Queryable, requestId: string): Promise<RequestedLine[]> {
  const request = await getMessage(q, requestId);
  if (request?.direction !== 'in' || (request.message !== '315' && request.message !== '317')) throw notFound('Verzoek niet gevonden / Request not found');
  const standard = request.standard!;
  const answers = new Map<string, RequestedLine['answer']>();
  for (const a of await answersTo(q, requestId, '319')) {
    const m = parseRequestAnswer((await getMessage(q, a.id))!.content, standard);
    answers.set(m.reference, m.answer === VerzoekAntwoord.Afgewezen ? 'rejected' : answers.get(m.reference) === 'rejected' ? 'rejected' : 'investigating');
  }
  if (request.message === '315') {
    return parseAssignmentRequest(request.content, standard).products.map((p) => ({
      reference: p.reference, productCode: p.productCode ?? null, from: p.from, to: p.to ?? null, volume: p.scope?.volume ?? null, answer: answers.get(p.reference) ?? null,
    }));
  }
  const change = parseChangeRequest(request.content, standard);
  const first = change.added[0] ?? change.changed[0];
  return [{ reference: change.reference, productCode: change.added.map((a) => a.productCode).filter(Boolean).join(', ') || null,
    from: first?.from ?? null, to: first?.to ?? null, volume: first?.scope?.volume ?? null, answer: answers.get(change.reference) ?? null }];
}

/** The provider's references in a request: one per requested product (315) or one for the whole change (317). */
function referencesOf(m: StoredMessage & { content: string }): string[] {
  return m.message === '315'
    ? parseAssignmentRequest(m.content, m.standard!).products.map((p) => p.reference)
    : [parseChangeRequest(m.content, m.standard!).reference];
}

export async function answerRequest(store: Store, transport: Transport, requestId: string,
  input: { reference: string; answer: 'rejected' | 'investigating'; rejectionReason?: string; municipality: string; today: string }): Promise<StoredMessage> {
  const db: Db = store.db;
  const request = await getMessage(db, requestId);
  if (request?.direction !== 'in' || (request.message !== '315' && request.message !== '317')) throw notFound('Verzoek niet gevonden / Request not found');
  const standard = request.standard!;
  const references = referencesOf(request);
  if (!references.includes(input.reference)) {
    throw unprocessable(`Het verzoek bevat geen referentie ${input.reference} / The request has no such reference`, 'reference', 'unknown_reference');
  }
  const op = { action: 'iwmo.request.answer', activity: standard === 'ijw' ? ProcessingActivity.YouthCare : ProcessingActivity.WmoAccess,
    details: { request: requestId, reference: input.reference, answer: input.answer } };
  const work = async (tx: Queryable) => {
    await lockMessage(tx, requestId);
    const earlier = await Promise.all((await answersTo(tx, requestId, '319')).map(async (a) => parseRequestAnswer((await getMessage(tx, a.id))!.content, standard)));
    if (earlier.some((a) => a.reference === input.reference && a.answer === VerzoekAntwoord.Afgewezen)) {
      throw conflict(`Referentie ${input.reference} is al afgewezen / already rejected`, 'request_already_answered');
    }
    const content = composeMessage('319', {
      standard,
      header: { sender: input.municipality, receiver: request.sender!, id: await nextIdentification(tx), date: input.today },
      reference: input.reference,
      answer: input.answer === 'rejected' ? VerzoekAntwoord.Afgewezen : VerzoekAntwoord.InOnderzoek,
      rejectionReason: input.answer === 'rejected' ? input.rejectionReason : undefined,
    });
    const sent = await storeAndSend(tx, transport, { standard, n: '319', content, clientId: request.clientId, answerTo: requestId });
    const rejected = new Set(earlier.filter((a) => a.answer === VerzoekAntwoord.Afgewezen).map((a) => a.reference));
    if (input.answer === 'rejected') rejected.add(input.reference);
    if (references.every((r) => rejected.has(r))) await markApplied(tx, requestId);
    return sent;
  };
  return request.clientId ? store.changeClient(request.clientId, op, work) : store.change(op, work);
}
