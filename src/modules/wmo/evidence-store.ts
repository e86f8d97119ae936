/**
 * The SQL of the evidence and the onderzoek of a melding (migration 290). Called inside a
 * transaction of the request's Store (wmoStore), never on its own.
 */
import { userNames } from '../../platform/auth/users.ts';
import type { Queryable } from '../../platform/db.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { zrmScoringsOfClient } from '../casework/zrm-store.ts';
import { relatedPersonsOf } from '../clients/related-persons.ts';
import { type IsoDate, type LegalCalendar, termOf } from '../legal-terms/legal-terms.ts';
import { ASSESSMENT_FIELDS, type AssessmentField } from './assessment.ts';
import { checklistOf, type Done, type EvidenceKind, type EvidenceRecord, missingOf } from './evidence.ts';
import type { AssessmentInput, AssessmentView, EvidenceView } from './schemas.ts';
import type { Law } from './wmo-process.ts';

export async function evidenceRecords(q: Queryable, notificationId: string): Promise<EvidenceRecord[]> {
  const rows = await q.query<{ kind: EvidenceKind; on: string; note: string | null; actor_user_id: string | null; recorded_at: Date }>(
    `SELECT kind, on_date::text AS "on", note, actor_user_id, recorded_at FROM wmo_evidence WHERE notification_id = $1 ORDER BY id`, [notificationId]);
  const names = await userNames(q, rows.map((r) => r.actor_user_id));
  return rows.map((r) => ({ kind: r.kind, on: r.on, note: r.note, actorName: r.actor_user_id ? names.get(r.actor_user_id) ?? null : null,
    recordedAt: new Date(r.recorded_at).toISOString() }));
}

/** Wmo 2015 art. 2.3.2 lid 2: the last day to hand in a persoonlijk plan (seven days after the melding, Atw); null under the Jeugdwet. */
export const personalPlanDueOn = (calendar: LegalCalendar, law: Law, notifiedOn: IsoDate) =>
  (law === 'wmo' ? termOf(calendar, 'wmo_personal_plan', notifiedOn).dueOn : null);

/** The checklist of a melding: its evidence, the verslag step, and whether the client's file names an informal carer. */
export async function evidenceView(q: Queryable, m: { id: string; clientId: string; law: Law; channel: string; notifiedOn: IsoDate },
  calendar: LegalCalendar, report: Done | null): Promise<EvidenceView> {
  const records = await evidenceRecords(q, m.id);
  const carers = await relatedPersonsOf(q, m.clientId, 'informal_carer');
  const items = checklistOf({ law: m.law, directReferral: m.channel === 'gp_referral', hasInformalCarer: carers.length > 0,
    personalPlanDueOn: personalPlanDueOn(calendar, m.law, m.notifiedOn), evidence: records, report });
  return { items, missing: missingOf(items), records };
}

/** Appends one record; the same idempotency key again records nothing new (false). */
export async function insertEvidence(tx: Queryable, notificationId: string, e: { kind: EvidenceKind; on: IsoDate; note: string | null }, actorId: string | null,
  idempotencyKey: string | null): Promise<boolean> {
  const rows = await tx.query(`INSERT INTO wmo_evidence (notification_id, kind, on_date, note, actor_user_id, idempotency_key) VALUES ($1,$2,$3,$4,$5,$6)
    ON CONFLICT (notification_id, idempotency_key) DO NOTHING RETURNING id`, [notificationId, e.kind, e.on, e.note, actorId, idempotencyKey]);
  return rows.length > 0;
}

type AssessmentRow = Record<string, string | null> & { version: number; created_at: Date; created_by: string | null; zrm_assessment_id: string | null };
const COLUMN: Record<AssessmentField, string> = {
  needs: 'needs', ownStrength: 'own_strength', informalCare: 'informal_care', carerNeeds: 'carer_needs', generalProvisions: 'general_provisions',
  relatedSupport: 'related_support', fittingProvision: 'fitting_provision', personalContribution: 'personal_contribution',
};

/** The current onderzoek with its version list, or null before the first save. */
export async function assessmentView(q: Queryable, notificationId: string, clientId: string): Promise<AssessmentView | null> {
  const rows = await q.query<AssessmentRow>(`SELECT * FROM wmo_assessments WHERE notification_id = $1 ORDER BY version DESC`, [notificationId]);
  const cur = rows[0];
  if (!cur) return null;
  const names = await userNames(q, rows.map((r) => r.created_by));
  const zrm = cur.zrm_assessment_id ? (await zrmScoringsOfClient(q, clientId)).find((z) => z.id === cur.zrm_assessment_id) ?? null : null;
  const fields = Object.fromEntries(ASSESSMENT_FIELDS.map((f) => [f, cur[COLUMN[f]] ?? null])) as Record<AssessmentField, string | null>;
  return { ...fields, version: cur.version, createdAt: new Date(cur.created_at).toISOString(), createdByName: cur.created_by ? names.get(cur.created_by) ?? null : null, zrm,
    versions: rows.map((r) => ({ version: r.version, createdAt: new Date(r.created_at).toISOString(), createdByName: r.created_by ? names.get(r.created_by) ?? null : null })) };
}

/**
 * Saves the onderzoek as its next version. Refused when someone saved a newer version than the one
 * edited (409 assessment_outdated), when nothing is filled in (422 naming `needs`), and when the ZRM
 * scoring is not one of this client's (422 unknown_zrm_assessment).
 */
export async function saveAssessment(tx: Queryable, notificationId: string, clientId: string, input: AssessmentInput, actorId: string | null): Promise<void> {
  // Serialises saves of one onderzoek (the melding row is locked by the caller); the version read here is the newest.
  const [cur] = await tx.query<{ version: number }>('SELECT max(version)::int AS version FROM wmo_assessments WHERE notification_id = $1', [notificationId]);
  const current = cur?.version ?? 0;
  if (input.basedOnVersion !== undefined && input.basedOnVersion !== current) {
    throw conflict(`Iemand heeft intussen versie ${current} opgeslagen; laad die eerst / Version ${current} was saved meanwhile; reload it first`, 'assessment_outdated',
      { currentVersion: current });
  }
  const values = ASSESSMENT_FIELDS.map((f) => (input[f] && input[f]!.length > 0 ? input[f]! : null));
  if (values.every((v) => v === null)) throw unprocessable('Vul minstens één onderdeel van het onderzoek in / Fill in at least one item', 'needs', 'assessment_empty');
  const zrmId = input.zrmAssessmentId ?? null;
  if (zrmId && !(await zrmScoringsOfClient(tx, clientId)).some((z) => z.id === zrmId)) {
    throw unprocessable('Deze ZRM-meting hoort niet bij deze cliënt / This ZRM scoring is not of this client', 'zrmAssessmentId', 'unknown_zrm_assessment');
  }
  await tx.query(`INSERT INTO wmo_assessments (notification_id, version, ${ASSESSMENT_FIELDS.map((f) => COLUMN[f]).join(', ')}, zrm_assessment_id, created_by)
    VALUES ($1, $2, ${ASSESSMENT_FIELDS.map((_, i) => `$${i + 3}`).join(', ')}, $${ASSESSMENT_FIELDS.length + 3}, $${ASSESSMENT_FIELDS.length + 4})`,
  [notificationId, current + 1, ...values, zrmId, actorId]);
}
