/**
 * The evidence the law asks the college to be able to show for a melding, and the checklist the
 * melding page shows (issue 17). Pure (no I/O): the server folds the recorded evidence with it.
 *
 * Wmo 2015 art. 2.3.2:
 * - lid 1: the college confirms receipt of the melding (receiptConfirmed);
 * - lid 2: the client may hand in a persoonlijk plan within seven days after the melding (norm
 *   wmo_personal_plan, with the Atw); the college offers it and notes whether it came;
 * - lid 3 and art. 2.2.4: before the onderzoek the client, and the informal carer, are told that
 *   free cliëntondersteuning exists (each separately);
 * - lid 7: the college establishes the client's identity (a document named in the Wet op de
 *   identificatieplicht; we record which kind, never its number);
 * - lid 8: the client gets a written verslag of the onderzoek (the recordReport step) and may add
 *   remarks (the client's reaction, dated, in their words).
 * Under the Jeugdwet none of the Wmo's onderzoek duties apply; cliëntondersteuning (art. 2.2.4 Wmo
 * covers youth too) and the identity check do. A GP's direct referral needs only the identity check.
 */
import type { IsoDate } from '../legal-terms/legal-terms.ts';
import type { Law } from './wmo-process.ts';

export const EvidenceKind = {
  ReceiptConfirmed: 'receipt_confirmed',
  ClientSupportClient: 'client_support_client',
  ClientSupportCarer: 'client_support_carer',
  PersonalPlanOffered: 'personal_plan_offered',
  PersonalPlanReceived: 'personal_plan_received',
  PersonalPlanNotReceived: 'personal_plan_not_received',
  IdentityChecked: 'identity_checked',
  ClientReaction: 'client_reaction',
} as const;
export type EvidenceKind = (typeof EvidenceKind)[keyof typeof EvidenceKind];
export const EVIDENCE_KINDS = Object.values(EvidenceKind);

/** The kinds whose note is required: which document was seen; what the client said. */
export const NOTE_REQUIRED: readonly EvidenceKind[] = ['identity_checked', 'client_reaction'];

/** One line of the checklist. */
export const ChecklistItem = {
  ReceiptConfirmed: 'receiptConfirmed', ClientSupportClient: 'clientSupportClient', ClientSupportCarer: 'clientSupportCarer',
  PersonalPlan: 'personalPlan', IdentityChecked: 'identityChecked', ReportSent: 'reportSent', ClientReaction: 'clientReaction',
} as const;
export type ChecklistItem = (typeof ChecklistItem)[keyof typeof ChecklistItem];

export type EvidenceRecord = { kind: EvidenceKind; on: IsoDate; note: string | null; actorName: string | null; recordedAt: string };
export type Done = { on: IsoDate; note: string | null; byName: string | null; recordedAt: string | null };
export type ChecklistLine = {
  item: ChecklistItem;
  /** Due before the aanvraag and the beschikking under this melding's law and channel. */
  required: boolean;
  done: Done | null;
  /** personalPlan: the last day to hand it in; the outcome once recorded (received or not). */
  dueOn?: IsoDate | null;
  outcome?: 'received' | 'not_received' | null;
  outcomeDone?: Done | null;
};

export type ChecklistInput = {
  law: Law;
  directReferral: boolean;
  hasInformalCarer: boolean;
  personalPlanDueOn: IsoDate | null;
  evidence: readonly EvidenceRecord[];
  /** The recordReport step, when taken: the verslag was sent to the client. */
  report: Done | null;
};

/** The newest record of a kind (records come in the order recorded); a correction is a newer record. */
const latest = (evidence: readonly EvidenceRecord[], kinds: readonly EvidenceKind[]) => evidence.filter((e) => kinds.includes(e.kind)).at(-1) ?? null;
const doneOf = (e: EvidenceRecord | null): Done | null => (e ? { on: e.on, note: e.note, byName: e.actorName, recordedAt: e.recordedAt } : null);

/** Which items the law requires before the aanvraag and the beschikking (see the module comment). */
export function requiredItems(law: Law, directReferral: boolean, hasInformalCarer: boolean): ChecklistItem[] {
  if (directReferral) return ['identityChecked'];
  if (law === 'jeugdwet') return ['clientSupportClient', 'identityChecked'];
  return ['receiptConfirmed', 'clientSupportClient', ...(hasInformalCarer ? ['clientSupportCarer' as const] : []), 'personalPlan', 'identityChecked', 'reportSent'];
}

/** The checklist: every item with its date and who recorded it, required or not. */
export function checklistOf(i: ChecklistInput): ChecklistLine[] {
  const required = requiredItems(i.law, i.directReferral, i.hasInformalCarer);
  const line = (item: ChecklistItem, done: Done | null, extra: Partial<ChecklistLine> = {}): ChecklistLine => ({ item, required: required.includes(item), done, ...extra });
  const planOutcome = latest(i.evidence, ['personal_plan_received', 'personal_plan_not_received']);
  return [
    line('receiptConfirmed', doneOf(latest(i.evidence, ['receipt_confirmed']))),
    line('clientSupportClient', doneOf(latest(i.evidence, ['client_support_client']))),
    line('clientSupportCarer', doneOf(latest(i.evidence, ['client_support_carer']))),
    line('personalPlan', doneOf(latest(i.evidence, ['personal_plan_offered'])), {
      dueOn: i.personalPlanDueOn,
      outcome: planOutcome ? (planOutcome.kind === 'personal_plan_received' ? 'received' : 'not_received') : null,
      outcomeDone: doneOf(planOutcome),
    }),
    line('identityChecked', doneOf(latest(i.evidence, ['identity_checked']))),
    line('reportSent', i.report),
    line('clientReaction', doneOf(latest(i.evidence, ['client_reaction']))),
  ];
}

/** The required items not done yet: shown before the aanvraag and the beschikking. */
export const missingOf = (lines: readonly ChecklistLine[]): ChecklistItem[] => lines.filter((l) => l.required && l.done === null).map((l) => l.item);

/**
 * Checks a new record against what is known, or null when fine: the plan's outcome only after it
 * was offered, the client's reaction only after the verslag was sent.
 */
export function evidenceRefusal(kind: EvidenceKind, on: IsoDate, evidence: readonly EvidenceRecord[], reportOn: IsoDate | null):
  { code: string; field: string; message: string } | null {
  if (kind === 'personal_plan_received' || kind === 'personal_plan_not_received') {
    const offered = latest(evidence, ['personal_plan_offered']);
    if (!offered) return { code: 'plan_not_offered', field: 'kind', message: 'Leg eerst vast dat het persoonlijk plan is aangeboden / Record first that the personal plan was offered' };
    if (on < offered.on) return { code: 'date_before_offer', field: 'on', message: 'Deze datum ligt vóór het aanbod / This date is before the offer' };
  }
  if (kind === 'client_reaction') {
    if (!reportOn) return { code: 'report_not_sent', field: 'kind', message: 'Het verslag is nog niet verstuurd / The report has not been sent yet' };
    if (on < reportOn) return { code: 'date_before_report', field: 'on', message: 'Deze datum ligt vóór het verslag / This date is before the report' };
  }
  return null;
}
