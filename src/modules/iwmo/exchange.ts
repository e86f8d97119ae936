import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.ts';
import { systemContext } from '../../platform/access/context.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { Store } from '../../platform/store.ts';
import { findClientIdByBsn } from '../clients/store.ts';
import { listProducts, listProviders } from '../indications/catalogue-store.ts';
import { deliveryOf, findIndicationForMessage, recordDelivery } from '../indications/delivery-store.ts';
import { type MessageNumber, RetourCode, type Standard, StatusAanlevering, TO_MUNICIPALITY, messageName } from './codes.ts';
import type { AssignmentRetour } from './assignment.ts';
import { buildDeliveryRetour, type DeliveryCodes, parseStart, parseStop, type StartMessage, type StopMessage } from './delivery.ts';
import { type MessageOf, readMessage, sealOutgoing } from './messages.ts';
import { type AssignmentRequest, buildRequestRetour, type ChangeRequest, parseAssignmentRequest, parseChangeRequest, requestKeys } from './request.ts';
import type { RuleContext } from './rules.ts';
import {
  findByContent, findByIdentification, getMessage, indicationOfAssignment, insertMessage, linkReprocessed, markHandled, type NewMessage, nextIdentification,
  type StoredMessage, unmarkReprocessed,
} from './store.ts';
import type { Transport } from './transport.ts';
import { parseHeader, parseXml } from './xml.ts';
import type { XmlProblem } from './xsd-validator.ts';

/**
 * Sending and receiving: every message is stored as it went over the wire. An incoming message is
 * read (XSD, rules), checked against what Wegwijs knows (provider, assignment, client) and
 * applied — a start or stop recorded on the indication through the indications module — or, when
 * anything is wrong, kept on the error queue with its readable reasons. All of a message or
 * nothing. The same content twice changes nothing; another content under an identification
 * already received is refused (iWmo: the identification is unique per sender).
 */


const activityOf = (standard: Standard | null) =>
  standard === 'ijw' ? ProcessingActivity.YouthCare : standard === 'iwmo' ? ProcessingActivity.WmoAccess : ProcessingActivity.Administration;
const problem = (element: string | null, message: string): XmlProblem => ({ line: null, element, message });
export const iwmoStore = (db: Db) => new Store(db, systemContext('iwmo'));

export type ReceiveResult = { id: string; status: StoredMessage['status']; duplicate: boolean; problems: XmlProblem[] };

/** The codes and contracted products a message is checked against. */
export async function ruleContext(q: Queryable): Promise<RuleContext> {
  // Wegwijs convention: the first two characters of the local product code are its WMO020/JZ020 category.
  return { knownProducts: new Map((await listProducts(q)).filter((p) => p.active).map((p) => [p.code, p.code.slice(0, 2)])) };
}

/**
 * How to answer: a 305 / 307 / 315 / 317 that passed its schema is answered with a
 * 306 / 308 / 316 / 318 through this transport, in the same transaction as its application,
 * reception or rejection (0200 everywhere when accepted; the code per assignment, or 0001 on the
 * header for a broken rule, when rejected).
 */
export type Answering = { transport: Transport; date: string };

/** Receives one message (from a transport or an upload). */
export async function receiveMessage(db: Db, content: string, source: string | null = null, answering?: Answering): Promise<ReceiveResult> {
  const before = await findByContent(db, 'in', content);
  if (before) return { id: before.id, status: before.status, duplicate: true, problems: before.problems ?? [] };
  const read = readMessage(content, await ruleContext(db));
  const header = read.n ? parseHeader(parseXml(content).Header) : null;
  const base: NewMessage = {
    direction: 'in', standard: read.standard, message: read.n, sender: header?.sender ?? null, receiver: header?.receiver ?? null,
    identification: header?.id ?? null, messageDate: header?.date ?? null, clientId: null, content, source, status: 'rejected', problems: null, answerTo: null,
  };
  const store = iwmoStore(db);
  const op = (action: string, details: Record<string, unknown> = {}) =>
    ({ action, activity: activityOf(read.standard), details: { message: read.n && read.standard ? messageName(read.standard, read.n) : null, source, ...details } });
  // A delivery message or a request that passed its schema can be returned with retour codes.
  const received = answering && read.standard && read.n && (read.ok || read.schemaValid) ? answerable(read.n, content, read.standard) : null;
  /** Puts the message on the error queue; a 305 / 307 / 315 / 317 is answered with the codes per assignment, or with `headerCode` and the rest not assessed. */
  const reject = async (problems: XmlProblem[], o: { clientId?: string | null; codes?: Record<string, string[]>; headerCode?: string; answer?: boolean } = {}): Promise<ReceiveResult> => {
    const clientId = o.clientId ?? null;
    try {
      const row = await store.change(op('iwmo.message.reject', { problems: problems.length }), async (tx) => {
        const stored = await insertMessage(tx, { ...base, clientId, status: 'rejected', problems });
        if (received && answering && o.answer !== false) {
          await answerReceived(tx, answering, received, stored, o.codes
            ? { header: [RetourCode.Geen], client: [RetourCode.Geen], products: o.codes }
            : { header: [o.headerCode ?? RetourCode.Technisch], client: [RetourCode.NietBeoordeeld],
              products: Object.fromEntries(retourKeys(received).map((k) => [k, [RetourCode.NietBeoordeeld]])) });
        }
        return stored;
      }, (r) => ({ clientId: r.clientId ?? undefined }));
      return { id: row.id, status: 'rejected', duplicate: false, problems };
    } catch (e) {
      return sameContentRace(db, content, e);
    }
  };
  const knownProvider = async (agb: string | undefined) => !!agb && (await listProviders(db)).some((p) => p.agbCode === agb);
  // A broken rule is answered (0001) only to a provider we know.
  if (!read.ok) return reject(read.problems, { answer: !!received && (await knownProvider(header?.sender)) });
  const m = read.message;
  if (!TO_MUNICIPALITY.has(read.n)) {
    return reject([problem('Bericht', `${messageName(read.standard, read.n)} gaat van gemeente naar aanbieder; Wegwijs ontvangt het niet / goes from municipality to provider`)]);
  }
  if (await findByIdentification(db, 'in', header!.sender, read.n, header!.id)) {
    return reject([problem('BerichtIdentificatie', `Identificatie ${header!.id} van ${header!.sender} is al ontvangen met een andere inhoud (${RetourCode.IdentificatieNietUniek}) / already received with other content`)],
      { headerCode: RetourCode.IdentificatieNietUniek });
  }
  const providerAgb = read.n === '302' ? header!.receiver : header!.sender;
  if (!(await knownProvider(providerAgb))) {
    // Not answered: there is no known party to send it to.
    return reject([problem(read.n === '302' ? 'Ontvanger' : 'Afzender', `AGB-code ${providerAgb} is geen bekende aanbieder / not a known provider`)], { answer: false });
  }
  try {
    switch (read.n) {
      case '305': case '307': return await applyDelivery(db, base, m as StartMessage | StopMessage, op, answering);
      case '302': return await applyRetour(db, base, m as AssignmentRetour, op);
      default: {
        // Requests and claims wait for a person (work queue) or the claim check; a request is answered with its 316 / 318 at once.
        const bsn = read.n === '317' ? (m as MessageOf['317']).bsn : read.n === '315' ? (m as MessageOf['315']).client.bsn : null;
        const row = await store.change(op('iwmo.message.receive'), async (tx) => {
          const stored = await insertMessage(tx, { ...base, status: 'received', clientId: bsn ? await findClientIdByBsn(tx, bsn) : null });
          if (received && answering) await answerReceived(tx, answering, received, stored, accepted(received));
          return stored;
        }, (r) => ({ clientId: r.clientId ?? undefined }));
        return { id: row.id, status: row.status, duplicate: false, problems: [] };
      }
    }
  } catch (e) {
    if (e instanceof Rejected) return reject(e.problems, { clientId: e.clientId, codes: e.codes });
    if (e instanceof AppError && e.status === 409 && e.code.startsWith('delivery_')) return reject([problem(null, e.message)], { headerCode: RetourCode.NietBeoordeeld });
    return sameContentRace(db, content, e);
  }
}

/** Thrown inside an application to roll it back and put the message on the error queue instead. */
class Rejected extends Error {
  readonly problems: XmlProblem[];
  readonly clientId: string | null;
  /** Retour codes per assignment number, for the answer. */
  readonly codes?: Record<string, string[]>;
  constructor(problems: XmlProblem[], clientId: string | null, codes?: Record<string, string[]>) {
    super('rejected');
    this.problems = problems;
    this.clientId = clientId;
    this.codes = codes;
  }
}

/** A received message that is answered with a retour message (306, 308, 316, 318), as read. */
type Received =
  | { n: '305'; m: StartMessage } | { n: '307'; m: StopMessage } | { n: '315'; m: AssignmentRequest } | { n: '317'; m: ChangeRequest };

function answerable(n: MessageNumber, content: string, standard: Standard): Received | null {
  switch (n) {
    case '305': return { n, m: parseStart(content, standard) };
    case '307': return { n, m: parseStop(content, standard) };
    case '315': return { n, m: parseAssignmentRequest(content, standard) };
    case '317': return { n, m: parseChangeRequest(content, standard) };
    default: return null;
  }
}

/** What a retour carries codes for below the client: a 305 / 307's assignment numbers, a request's references. */
const retourKeys = (r: Received) => (r.n === '305' || r.n === '307' ? r.m.products.map((p) => p.number) : requestKeys(r.m));
const accepted = (r: Received): DeliveryCodes =>
  ({ header: [RetourCode.Geen], client: [RetourCode.Geen], products: Object.fromEntries(retourKeys(r).map((k) => [k, [RetourCode.Geen]])) });

/** Sends the 306 / 308 / 316 / 318 on a stored 305 / 307 / 315 / 317, in the caller's transaction. */
async function answerReceived(tx: Queryable, answering: Answering, r: Received, stored: StoredMessage, codes: DeliveryCodes) {
  const retour = { id: await nextIdentification(tx), date: answering.date };
  const { standard } = r.m;
  const [kind, xml] = r.n === '305' || r.n === '307'
    ? [r.n === '305' ? '306' as const : '308' as const, buildDeliveryRetour(r.m, r.n === '305' ? '306' : '308', retour, codes)]
    : [r.n === '315' ? '316' as const : '318' as const, buildRequestRetour(r.m, retour, codes)];
  let content: string;
  try {
    content = sealOutgoing(kind, standard, xml);
  } catch (e) {
    // A retour repeats what was received: one whose echo breaks a rule (a BSN failing the elfproef) is not answered; it stays on the error queue.
    if (e instanceof AppError && e.code === 'iwmo_message_invalid' && stored.status === 'rejected') return;
    throw e;
  }
  await storeAndSend(tx, answering.transport, { standard, n: kind, content, clientId: stored.clientId, answerTo: stored.id });
}

/** Two copies received at once: the loser of the unique content index reports the winner's row. */
async function sameContentRace(db: Db, content: string, e: unknown): Promise<ReceiveResult> {
  const winner = (e as { code?: string }).code === '23505' ? await findByContent(db, 'in', content) : null;
  if (!winner) throw e;
  return { id: winner.id, status: winner.status, duplicate: true, problems: winner.problems ?? [] };
}

type Op = (action: string, details?: Record<string, unknown>) => { action: string; activity: ProcessingActivity; details: Record<string, unknown> };

/** 305 / 307: each reported assignment must be ours, at this provider, for this client; then all are recorded. */
async function applyDelivery(db: Db, base: NewMessage, m: StartMessage | StopMessage, op: Op, answering?: Answering): Promise<ReceiveResult> {
  const clientId = await findClientIdByBsn(db, m.client.bsn);
  const problems: XmlProblem[] = [];
  const codes: Record<string, string[]> = {};
  const targets: { indicationId: string; p: (typeof m.products)[number] }[] = [];
  for (const p of m.products) {
    const at = `${base.message === '305' ? 'StartProduct' : 'StopProduct'}[${p.number}]`;
    const found = (code: string, element: string, message: string) => {
      problems.push(problem(element, message));
      codes[p.number] = [...(codes[p.number] ?? []), code].slice(0, 3);
    };
    const indicationId = await indicationOfAssignment(db, p.number);
    const ind = indicationId ? await findIndicationForMessage(db, indicationId) : null;
    if (!ind) { found(RetourCode.NietGekoppeld, `${at}/ToewijzingNummer`, `Toewijzing ${p.number} is niet bekend (${RetourCode.NietGekoppeld}) / unknown assignment`); continue; }
    if (ind.providerAgbCode !== m.header.sender) found(RetourCode.NietGekoppeld, `${at}/ToewijzingNummer`, `Toewijzing ${p.number} is niet aan deze aanbieder gegeven / assigned to another provider`);
    if (ind.clientId !== clientId) found(RetourCode.NietGekoppeld, 'Client/Bsn', `Toewijzing ${p.number} hoort niet bij deze cliënt / belongs to another client`);
    if (ind.validFrom !== p.assignmentFrom) found(RetourCode.NietGekoppeld, `${at}/ToewijzingIngangsdatum`, `Toewijzing ${p.number} gaat in op ${ind.validFrom}, niet ${p.assignmentFrom} / other start date`);
    if (p.status !== StatusAanlevering.Eerste) found(RetourCode.NietBeoordeeld, `${at}/StatusAanlevering`, `StatusAanlevering ${p.status} wordt (nog) niet verwerkt; alleen 1 (eerste aanlevering) / only first deliveries are processed`);
    if ('end' in p) {
      const now = await deliveryOf(db, ind.id);
      if (!now.startedOn || now.stoppedOn) found(RetourCode.GeenActueleStart, `${at}/Begindatum`, `Toewijzing ${p.number}: er is geen lopende levering om te stoppen (${RetourCode.GeenActueleStart}) / no current delivery to stop`);
    }
    targets.push({ indicationId: ind.id, p });
  }
  if (problems.length) {
    for (const p of m.products) codes[p.number] ??= [RetourCode.Geen];
    throw new Rejected(problems, clientId, codes);
  }
  const row = await iwmoStore(db).changeClient(clientId!, op('iwmo.message.apply', { assignments: m.products.map((p) => p.number) }), async (tx) => {
    const stored = await insertMessage(tx, { ...base, clientId, status: 'applied' });
    for (const { indicationId, p } of targets) {
      await recordDelivery(tx, indicationId, 'end' in p
        ? { kind: 'stop', on: p.end, reason: p.reason, source: `iwmo:${stored.id}` }
        : { kind: 'start', on: p.start, source: `iwmo:${stored.id}` });
    }
    if (answering) {
      const r: Received = 'end' in (m.products[0] ?? {}) ? { n: '307', m: m as StopMessage } : { n: '305', m: m as StartMessage };
      await answerReceived(tx, answering, r, stored, accepted(r));
    }
    return stored;
  });
  return { id: row.id, status: row.status, duplicate: false, problems: [] };
}

/** 302: the provider's answer on one of our 301s. Kept with a link to it; its codes say whether it was accepted. */
async function applyRetour(db: Db, base: NewMessage, m: AssignmentRetour, op: Op): Promise<ReceiveResult> {
  const original = await findByIdentification(db, 'out', m.header.sender, '301', m.header.id);
  if (!original) throw new Rejected([problem('BerichtIdentificatie', `Er is geen toewijzingsbericht ${m.header.id} verzonden / no 301 with this identification was sent`)], null);
  const row = await iwmoStore(db).change(op('iwmo.message.apply', { answers: original.id }),
    (tx) => insertMessage(tx, { ...base, clientId: original.clientId, status: 'applied', answerTo: original.id }), (r) => ({ clientId: r.clientId ?? undefined }));
  return { id: row.id, status: row.status, duplicate: false, problems: [] };
}

export type Sealed = { standard: Standard; n: MessageNumber; content: string; clientId: string | null; answerTo?: string };

/** Stores a sealed message as sent and hands it to the transport, in the caller's transaction (a failed hand-over stores nothing). */
export async function storeAndSend(tx: Queryable, transport: Transport, sealed: Sealed): Promise<StoredMessage> {
  const h = parseHeader(parseXml(sealed.content).Header);
  const row = await insertMessage(tx, {
    direction: 'out', standard: sealed.standard, message: sealed.n, sender: h.sender, receiver: h.receiver, identification: h.id, messageDate: h.date,
    clientId: sealed.clientId, content: sealed.content, source: fileName(sealed), status: 'sent', problems: null, answerTo: sealed.answerTo ?? null,
  });
  await transport.send(fileName(sealed), sealed.content, tx);
  return row;
}

/**
 * The name a sent message travels under: the message, the sender in its header and its identification.
 * A retour (306, 308, 316, 318) repeats the header of the message it answers, so its sender is the
 * provider and the identification is one the provider chose; a provider that reuses an identification
 * would give two answers one name, and the second would overwrite the first in the outbox. A hash of
 * the content keeps each such answer apart.
 */
const fileName = (s: Sealed) => {
  const h = parseHeader(parseXml(s.content).Header);
  const theirs = /^\d{8}$/.test(String(h.sender)) ? `-${createHash('sha256').update(s.content).digest('hex').slice(0, 12)}` : '';
  return `${messageName(s.standard, s.n)}-${h.sender}-${h.id}${theirs}.xml`;
};

export const sendOp = (sealed: Sealed) =>
  ({ action: 'iwmo.message.send', activity: activityOf(sealed.standard), details: { message: messageName(sealed.standard, sealed.n), name: fileName(sealed) } });

/** Sends a sealed message: stored and handed over in one transaction, audited (with the client when there is one). */
export async function sendMessage(db: Db, transport: Transport, sealed: Sealed): Promise<StoredMessage> {
  const store = iwmoStore(db);
  const work = (tx: Queryable) => storeAndSend(tx, transport, sealed);
  return sealed.clientId ? store.changeClient(sealed.clientId, sendOp(sealed), work) : store.change(sendOp(sealed), work);
}

/** Reads everything waiting in the transport's inbox; each message is handled once, valid or not, and 305 / 307 are answered. */
export async function receiveAll(db: Db, transport: Transport, date: string): Promise<(ReceiveResult & { name: string })[]> {
  const out = [];
  for (const { name, content } of await transport.receive()) {
    out.push({ name, ...(await receiveMessage(db, content, name, { transport, date })) });
    await transport.done(name);
  }
  return out;
}

const notOnQueue = () => conflict('Dit bericht staat niet (meer) op de foutenlijst / This message is not on the error queue', 'not_on_error_queue');

/**
 * Reads a message from the error queue again, e.g. after the provider, product or assignment it
 * lacked was registered: the old reading leaves the queue marked 'reprocessed' and points to the
 * new one, which is applied (and answered) or put on the queue again with today's reasons.
 */
export async function reprocessMessage(store: Store, id: string, answering?: Answering): Promise<ReceiveResult> {
  const old = await store.change({ action: 'iwmo.message.reprocess', activity: ProcessingActivity.Administration, details: { messageId: id } },
    async (tx) => (await markHandled(tx, id, store.ctx.actor.id, 'reprocessed', null)) ?? Promise.reject(notOnQueue()));
  const content = (await getMessage(store.db, id))!.content;
  let result: ReceiveResult;
  try {
    result = await receiveMessage(store.db, content, old.source, answering);
  } catch (e) {
    await unmarkReprocessed(store.db, id); // back on the queue: nothing leaves it without a reading
    throw e;
  }
  await linkReprocessed(store.db, id, result.id);
  return result;
}

/** Takes a rejected message off the error queue with a note saying why no further work is needed. */
export const markMessageHandled = (store: Store, id: string, note: string) =>
  store.change({ action: 'iwmo.message.handle', activity: ProcessingActivity.Administration, details: { messageId: id } },
    async (tx) => (await markHandled(tx, id, store.ctx.actor.id, 'handled', note)) ?? Promise.reject(notOnQueue()));
