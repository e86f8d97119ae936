import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Queryable } from '../../platform/db.ts';
import type { Statement } from './survey.ts';

/** The SQL of the satisfaction module: only its own tables (src/platform/table-owners.ts). */

export type SurveyVersion = { id: string; code: string; version: number; title: string; statements: Statement[]; openQuestion: string | null; createdAt: string };

const VERSION = `SELECT id, code, version, title, statements, open_question AS "openQuestion", created_at AS "createdAt" FROM survey_definitions`;
const iso = (v: SurveyVersion) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() });

export async function listSurveyVersions(q: Queryable): Promise<SurveyVersion[]> {
  return (await q.query<SurveyVersion>(`${VERSION} ORDER BY code, version DESC`)).map(iso);
}

export async function findSurveyVersion(q: Queryable, id: string): Promise<SurveyVersion | null> {
  const [v] = await q.query<SurveyVersion>(`${VERSION} WHERE id = $1`, [id]);
  return v ? iso(v) : null;
}

export async function latestSurveyVersion(q: Queryable, code: string): Promise<SurveyVersion | null> {
  const [v] = await q.query<SurveyVersion>(`${VERSION} WHERE code = $1 ORDER BY version DESC LIMIT 1`, [code]);
  return v ? iso(v) : null;
}

export async function insertSurveyVersion(tx: Queryable, d: { code: string; title: string; statements: Statement[]; openQuestion: string | null }, userId: string | null): Promise<SurveyVersion> {
  // One definition at a time per code, so that two saves at once do not both become version n+1.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`survey_definitions:${d.code}`]);
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO survey_definitions (code, version, title, statements, open_question, created_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM survey_definitions WHERE code = $1 RETURNING id`,
    [d.code, d.title, JSON.stringify(d.statements), d.openQuestion, userId]);
  return (await findSurveyVersion(tx, row!.id))!;
}

export type Round = { id: string; surveyId: string; from: string; to: string; closesOn: string; teams: { teamId: string; sampleSize: number; invited: number }[] };

export async function findRound(q: Queryable, id: string): Promise<Round | null> {
  const [r] = await q.query<Omit<Round, 'teams'>>(
    `SELECT id, survey_id AS "surveyId", period_from::text AS "from", period_to::text AS "to", closes_on::text AS "closesOn" FROM survey_rounds WHERE id = $1`, [id]);
  if (!r) return null;
  const teams = await q.query<Round['teams'][number]>(
    `SELECT team_id AS "teamId", sample_size AS "sampleSize", invited FROM survey_round_teams WHERE round_id = $1 ORDER BY team_id`, [id]);
  return { ...r, teams };
}

export async function insertRound(tx: Queryable, r: { surveyId: string; from: string; to: string; closesOn: string; teams: { teamId: string; sampleSize: number }[] }, userId: string | null): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO survey_rounds (survey_id, period_from, period_to, closes_on, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [r.surveyId, r.from, r.to, r.closesOn, userId]);
  for (const t of r.teams) {
    await tx.query('INSERT INTO survey_round_teams (round_id, team_id, sample_size) VALUES ($1, $2, $3)', [row!.id, t.teamId, t.sampleSize]);
  }
  return row!.id;
}

export async function insertInvitations(tx: Queryable, roundId: string, invitations: { teamId: string; clientId: string; channel: 'digital' | 'letter' }[]): Promise<void> {
  for (const i of invitations) {
    await tx.query('INSERT INTO survey_invitations (round_id, team_id, client_id, channel) VALUES ($1, $2, $3, $4)', [roundId, i.teamId, i.clientId, i.channel]);
  }
  await tx.query(
    `UPDATE survey_round_teams t SET invited = (SELECT count(*) FROM survey_invitations i WHERE i.round_id = t.round_id AND i.team_id = t.team_id)::int
     WHERE t.round_id = $1`, [roundId]);
}

/** Opt-outs (bezwaar) among these clients. */
export async function optedOut(q: Queryable, clientIds: readonly string[]): Promise<Set<string>> {
  if (clientIds.length === 0) return new Set();
  const rows = await q.query<{ client_id: string }>('SELECT client_id FROM survey_opt_outs WHERE client_id = ANY($1::uuid[])', [[...clientIds]]);
  return new Set(rows.map((r) => r.client_id));
}

export async function setOptOut(tx: Queryable, clientId: string, optOut: boolean, userId: string | null): Promise<void> {
  if (optOut) {
    await tx.query('INSERT INTO survey_opt_outs (client_id, recorded_by) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING', [clientId, userId]);
    // Someone who objects is not asked any more: open invitations go too.
    await tx.query('DELETE FROM survey_invitations WHERE client_id = $1', [clientId]);
  } else {
    await tx.query('DELETE FROM survey_opt_outs WHERE client_id = $1', [clientId]);
  }
}

export async function isOptedOut(q: Queryable, clientId: string): Promise<boolean> {
  return (await optedOut(q, [clientId])).size > 0;
}

/** The sha-256 of a key: the link token or letter code is never stored itself. */
export const keyHash = (key: string) => createHash('sha256').update(normaliseKey(key)).digest('hex');
/** Letter codes are typed by hand: case, spaces and dashes do not matter. */
export const normaliseKey = (key: string) => (key.length <= 20 ? key.toUpperCase().replace(/[\s-]/g, '') : key);

// No 0/O, 1/I/L: a letter code is read from paper.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A letter code: 12 characters (about 59 bits), printed in groups of four. */
export function newLetterCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
/** A link token: 32 random bytes. */
export const newLinkToken = () => randomBytes(32).toString('base64url');

export type MailingItem = { invitationId: string; clientId: string; teamId: string; channel: 'digital' | 'letter'; kind: 'invitation' | 'reminder'; key: string };

/**
 * The mailing: for each invitation or due reminder that has no key yet, a new key; its hash is
 * stored and the key returned this once (for the e-mail with the link, or the letter with the code).
 */
export async function issueKeys(tx: Queryable, roundId: string): Promise<MailingItem[]> {
  const due = await tx.query<{ id: string; client_id: string; team_id: string; channel: 'digital' | 'letter'; kind: 'invitation' | 'reminder' }>(
    `SELECT id, client_id, team_id, channel, CASE WHEN key_hash IS NULL THEN 'invitation' ELSE 'reminder' END AS kind FROM survey_invitations
     WHERE round_id = $1 AND (key_hash IS NULL OR (reminded_at IS NOT NULL AND reminder_key_hash IS NULL)) ORDER BY team_id, id FOR UPDATE`, [roundId]);
  const out: MailingItem[] = [];
  for (const d of due) {
    const key = d.channel === 'digital' ? newLinkToken() : newLetterCode();
    await tx.query(`UPDATE survey_invitations SET ${d.kind === 'invitation' ? 'key_hash' : 'reminder_key_hash'} = $2 WHERE id = $1`, [d.id, keyHash(key)]);
    out.push({ invitationId: d.id, clientId: d.client_id, teamId: d.team_id, channel: d.channel, kind: d.kind, key });
  }
  return out;
}

/** Forgets the keys of every open invitation of a round (a reissued mailing): each is a fresh invitation, reminded in its turn. */
export async function forgetKeys(tx: Queryable, roundId: string): Promise<void> {
  await tx.query('UPDATE survey_invitations SET key_hash = NULL, reminder_key_hash = NULL, reminded_at = NULL, invited_at = now() WHERE round_id = $1', [roundId]);
}

export type OpenInvitation = { id: string; roundId: string; teamId: string; surveyId: string; from: string; to: string; closesOn: string };

/** The open invitation a key belongs to (locked for the answer), or whether the key was used already. */
export async function invitationByKey(tx: Queryable, key: string): Promise<{ invitation: OpenInvitation | null; used: boolean }> {
  const h = keyHash(key);
  const [inv] = await tx.query<OpenInvitation>(
    `SELECT i.id, i.round_id AS "roundId", i.team_id AS "teamId", r.survey_id AS "surveyId", r.period_from::text AS "from",
       r.period_to::text AS "to", r.closes_on::text AS "closesOn"
     FROM survey_invitations i JOIN survey_rounds r ON r.id = i.round_id WHERE i.key_hash = $1 OR i.reminder_key_hash = $1 FOR UPDATE OF i`, [h]);
  if (inv) return { invitation: inv, used: false };
  const [used] = await tx.query('SELECT 1 FROM survey_used_keys WHERE key_hash = $1', [h]);
  return { invitation: null, used: !!used };
}

/**
 * Stores an answer without the client: the invitation (the only link to the client) is deleted in
 * the same transaction, and both of its keys are remembered as used, by hash only.
 */
export async function storeAnswer(tx: Queryable, inv: OpenInvitation, a: { scores: Record<string, number | null>; grade: number | null; openAnswer: string | null }, today: string): Promise<void> {
  const [keys] = await tx.query<{ key_hash: string | null; reminder_key_hash: string | null }>(
    'DELETE FROM survey_invitations WHERE id = $1 RETURNING key_hash, reminder_key_hash', [inv.id]);
  for (const h of [keys?.key_hash, keys?.reminder_key_hash]) {
    if (h) await tx.query('INSERT INTO survey_used_keys (key_hash, round_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [h, inv.roundId]);
  }
  await tx.query(
    `INSERT INTO survey_answers (round_id, survey_id, team_id, period_from, period_to, scores, grade, open_answer, answered_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [inv.roundId, inv.surveyId, inv.teamId, inv.from, inv.to, JSON.stringify(a.scores), a.grade, a.openAnswer, today]);
}

/** The client of an invitation objects (from the answering page): recorded as an opt-out, and their invitations go. Returns the client for the audit row. */
export async function optOutByInvitation(tx: Queryable, invitationId: string): Promise<string> {
  const [row] = await tx.query<{ client_id: string }>('SELECT client_id FROM survey_invitations WHERE id = $1', [invitationId]);
  await setOptOut(tx, row!.client_id, true, null);
  return row!.client_id;
}

/** Reminder job: invitations not answered `afterDays` after they were sent get one reminder. */
export async function markReminders(q: Queryable, afterDays: number, today: string): Promise<number> {
  const rows = await q.query(
    `UPDATE survey_invitations i SET reminded_at = now() FROM survey_rounds r
     WHERE r.id = i.round_id AND i.reminded_at IS NULL AND i.key_hash IS NOT NULL AND i.invited_at < now() - make_interval(days => $1)
       AND r.closes_on >= $2::date RETURNING i.id`, [afterDays, today]);
  return rows.length;
}

/** When a round has closed its invitations go: no link between client and survey stays behind. */
export async function deleteClosedInvitations(q: Queryable, today: string): Promise<number> {
  const rows = await q.query(
    'DELETE FROM survey_invitations i USING survey_rounds r WHERE r.id = i.round_id AND r.closes_on < $1::date RETURNING i.id', [today]);
  return rows.length;
}

export type AnswerRow = { teamId: string; surveyId: string; scores: Record<string, number | null>; grade: number | null };
export type InvitedRow = { teamId: string; surveyId: string; invited: number };

/** Answers and invitation counts of the rounds whose period lies within [from, to]. */
export async function answersIn(q: Queryable, from: string, to: string): Promise<{ answers: AnswerRow[]; invited: InvitedRow[] }> {
  const answers = await q.query<AnswerRow>(
    `SELECT team_id AS "teamId", survey_id AS "surveyId", scores, grade FROM survey_answers WHERE period_from >= $1::date AND period_to <= $2::date`, [from, to]);
  const invited = await q.query<InvitedRow>(
    `SELECT t.team_id AS "teamId", r.survey_id AS "surveyId", sum(t.invited)::int AS invited FROM survey_round_teams t JOIN survey_rounds r ON r.id = t.round_id
     WHERE r.period_from >= $1::date AND r.period_to <= $2::date GROUP BY 1, 2`, [from, to]);
  return { answers, invited };
}
