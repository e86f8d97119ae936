import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db.ts';
import type { MessageNumber, Standard } from './codes.ts';
import type { AssignedProduct } from './assignment.ts';
import type { XmlProblem } from './xsd-validator.ts';

/** The SQL of the iwmo module (migration 210): messages sent and received, assignment numbers. */

export type MessageStatus = 'sent' | 'applied' | 'received' | 'rejected';
export type StoredMessage = {
  id: string; direction: 'out' | 'in'; standard: Standard | null; message: MessageNumber | null;
  sender: string | null; receiver: string | null; identification: string | null; messageDate: string | null;
  clientId: string | null; source: string | null; status: MessageStatus; problems: XmlProblem[] | null; answerTo: string | null; createdAt: Date;
  handling: 'handled' | 'reprocessed' | null; handlingNote: string | null; handledAt: Date | null; reprocessedAs: string | null;
};
export type NewMessage = Omit<StoredMessage, 'id' | 'createdAt' | 'handling' | 'handlingNote' | 'handledAt' | 'reprocessedAs'> & { content: string };

const COLS = `id, direction, standard, message, sender, receiver, identification, to_char(message_date, 'YYYY-MM-DD') AS "messageDate",
  client_id AS "clientId", source, status, problems, answer_to AS "answerTo", created_at AS "createdAt",
  handling, handling_note AS "handlingNote", handled_at AS "handledAt", reprocessed_as AS "reprocessedAs"`;

export const sha256 = (content: string) => createHash('sha256').update(content).digest('hex');

export async function insertMessage(tx: Queryable, m: NewMessage): Promise<StoredMessage> {
  const [row] = await tx.query<StoredMessage>(
    `INSERT INTO iwmo_messages (direction, standard, message, sender, receiver, identification, message_date, client_id, content, content_sha256, source, status, problems, answer_to)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLS}`,
    [m.direction, m.standard, m.message, m.sender, m.receiver, m.identification, m.messageDate, m.clientId, m.content, sha256(m.content),
      m.source, m.status, m.problems === null ? null : JSON.stringify(m.problems), m.answerTo]);
  return row!;
}

/** The message with exactly this content received (or sent) before, if any (its newest reading: one read again counts no more). */
export async function findByContent(q: Queryable, direction: 'out' | 'in', content: string): Promise<StoredMessage | null> {
  const [row] = await q.query<StoredMessage>(
    `SELECT ${COLS} FROM iwmo_messages WHERE direction = $1 AND content_sha256 = $2 AND handling IS DISTINCT FROM 'reprocessed'`, [direction, sha256(content)]);
  return row ?? null;
}

/** An accepted message of this sender with this identification, if any. */
export async function findByIdentification(q: Queryable, direction: 'out' | 'in', sender: string, message: MessageNumber, identification: string): Promise<StoredMessage | null> {
  const [row] = await q.query<StoredMessage>(
    `SELECT ${COLS} FROM iwmo_messages WHERE direction = $1 AND sender = $2 AND message = $3 AND identification = $4 AND status <> 'rejected'`,
    [direction, sender, message, identification]);
  return row ?? null;
}

/** The error queue: rejected incoming messages not yet handled, newest first. */
export const listRejected = (q: Queryable, limit = 100) =>
  q.query<StoredMessage>(`SELECT ${COLS} FROM iwmo_messages WHERE direction = 'in' AND status = 'rejected' AND handled_at IS NULL ORDER BY created_at DESC, id LIMIT $1`, [limit]);

/**
 * Takes a rejected message off the error queue: 'handled' with a note, or 'reprocessed' (read
 * again; its content then no longer counts as received, so the new reading is not a duplicate).
 * Returns null when it is not (or no longer) on the queue.
 */
export async function markHandled(tx: Queryable, id: string, by: string | null, handling: 'handled' | 'reprocessed', note: string | null): Promise<StoredMessage | null> {
  const [row] = await tx.query<StoredMessage>(
    `UPDATE iwmo_messages SET handled_at = now(), handled_by = $2, handling = $3, handling_note = $4
     WHERE id = $1 AND direction = 'in' AND status = 'rejected' AND handled_at IS NULL RETURNING ${COLS}`, [id, by, handling, note]);
  return row ?? null;
}

/** Undoes a 'reprocessed' mark when the new reading failed outright (nothing may leave the queue silently). */
export const unmarkReprocessed = (q: Queryable, id: string) => q.query(
  `UPDATE iwmo_messages SET handled_at = NULL, handled_by = NULL, handling = NULL, handling_note = NULL WHERE id = $1 AND handling = 'reprocessed' AND reprocessed_as IS NULL`, [id]);

export const linkReprocessed = (q: Queryable, id: string, newId: string) =>
  q.query('UPDATE iwmo_messages SET reprocessed_as = $2 WHERE id = $1', [id, newId]);

/** The messages about one client, oldest first; an answer sent in the same transaction after what it answers. */
export const listForClient = (q: Queryable, clientId: string) =>
  q.query<StoredMessage>(`SELECT ${COLS} FROM iwmo_messages WHERE client_id = $1 ORDER BY created_at, answer_to IS NOT NULL, id`, [clientId]);

export const nextIdentification = async (tx: Queryable) =>
  String((await tx.query<{ n: number }>(`SELECT nextval('iwmo_message_identification') AS n`))[0]!.n);

/** The ToewijzingNummer of an indication; a new one the first time it is assigned. */
export async function assignmentNumberFor(tx: Queryable, indicationId: string): Promise<{ number: string; lastSent: AssignedProduct | null }> {
  const [found] = await tx.query<{ number: string; lastSent: AssignedProduct | null }>(
    'SELECT number, last_sent AS "lastSent" FROM iwmo_assignments WHERE indication_id = $1', [indicationId]);
  if (found) return found;
  const [made] = await tx.query<{ number: string }>(
    `INSERT INTO iwmo_assignments (number, indication_id) VALUES (nextval('iwmo_assignment_number')::text, $1)
     ON CONFLICT (indication_id) DO NOTHING RETURNING number`, [indicationId]);
  if (made) return { number: made.number, lastSent: null };
  return assignmentNumberFor(tx, indicationId); // a concurrent first assignment won the race
}

/** The ToewijzingNummer of an indication and what was last sent under it, if it was ever assigned. */
export async function findAssignment(q: Queryable, indicationId: string): Promise<{ number: string; lastSent: AssignedProduct | null } | null> {
  const [found] = await q.query<{ number: string; lastSent: AssignedProduct | null }>(
    'SELECT number, last_sent AS "lastSent" FROM iwmo_assignments WHERE indication_id = $1', [indicationId]);
  return found ?? null;
}

export const indicationOfAssignment = async (q: Queryable, number: string) =>
  (await q.query<{ indicationId: string }>('SELECT indication_id AS "indicationId" FROM iwmo_assignments WHERE number = $1', [number]))[0]?.indicationId ?? null;

export const rememberSent = (tx: Queryable, number: string, product: AssignedProduct) =>
  tx.query('UPDATE iwmo_assignments SET last_sent = $2 WHERE number = $1', [number, JSON.stringify(product)]);

export const markApplied = (tx: Queryable, id: string) => tx.query(`UPDATE iwmo_messages SET status = 'applied' WHERE id = $1`, [id]);

/** The message sent in answer to this one (a 325 to a 323), if any. */
export async function findAnswer(q: Queryable, id: string): Promise<StoredMessage | null> {
  const [row] = await q.query<StoredMessage>(`SELECT ${COLS} FROM iwmo_messages WHERE answer_to = $1 AND direction = 'out'`, [id]);
  return row ?? null;
}

export async function getMessage(q: Queryable, id: string): Promise<(StoredMessage & { content: string }) | null> {
  const [row] = await q.query<StoredMessage & { content: string }>(`SELECT ${COLS}, content FROM iwmo_messages WHERE id = $1`, [id]);
  return row ?? null;
}

/** Locks a message row for the rest of the transaction (one answer per claim, however many ask at once). */
export const lockMessage = (tx: Queryable, id: string) => tx.query('SELECT id FROM iwmo_messages WHERE id = $1 FOR UPDATE', [id]);

/** The messages of one kind sent in answer to one received message (a request's 319s, not its 316 / 318 retour), oldest first. */
export const answersTo = (q: Queryable, id: string, message: MessageNumber) =>
  q.query<StoredMessage>(`SELECT ${COLS} FROM iwmo_messages WHERE answer_to = $1 AND direction = 'out' AND message = $2 ORDER BY created_at, id`, [id, message]);

/** The work queue: received requests (315, 317) not yet answered as a whole, oldest first. */
export const listReceivedRequests = (q: Queryable) =>
  q.query<StoredMessage>(`SELECT ${COLS} FROM iwmo_messages WHERE direction = 'in' AND status = 'received' AND message IN ('315', '317') ORDER BY created_at, id`);

/** Received claims (323) not yet answered, oldest first. */
export const listOpenClaims = (q: Queryable) =>
  q.query<StoredMessage>(`SELECT ${COLS} FROM iwmo_messages WHERE direction = 'in' AND status = 'received' AND message = '323' ORDER BY created_at, id`);
