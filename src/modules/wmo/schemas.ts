import { z } from 'zod';
import { ASSESSMENT_FIELDS, type AssessmentField } from './assessment.ts';
import { EVIDENCE_KINDS } from './evidence.ts';
import { DecisionOutcome, LAWS, ObjectionOutcome, PauseReason, WMO_COMMANDS, WMO_STATUSES } from './wmo-process.ts';

const IsoDate = z.iso.date();

export const WmoClockView = z.object({
  kind: z.enum(['assessment', 'decision', 'objectionTerm', 'objectionDecision']),
  startedOn: z.string(), dueOn: z.string().nullable(), movedFrom: z.string().nullable(), pausedSince: z.string().nullable(),
  suspendedDays: z.number(), extended: z.boolean(), stoppedOn: z.string().nullable(), late: z.boolean(), daysLeft: z.number().nullable(),
});
export type WmoClockView = z.infer<typeof WmoClockView>;

/** One line of a Wmo inbox: spoed first, then the clock that runs out first. */
export const WmoInboxItem = z.object({
  id: z.uuid(), law: z.enum(LAWS).describe("wmo: Wmo 2015; jeugdwet: Jeugdwet (eight-week decision term, JZ products, the CJG's inbox)"),
  clientId: z.uuid(), clientName: z.string(), notifiedOn: z.string(), status: z.enum(WMO_STATUSES), urgent: z.boolean(),
  inboxTeamId: z.uuid().nullable(), inboxTeamName: z.string().nullable(), assignedUserId: z.uuid().nullable(), assignedUserName: z.string().nullable(),
  clock: WmoClockView.nullable().describe('The clock that runs now (onderzoek, beschikking or bezwaar), null when none does'),
  version: z.number(),
});
export type WmoInboxItem = z.infer<typeof WmoInboxItem>;

export const WmoActionView = z.object({
  type: z.enum(WMO_COMMANDS), on: z.string(), at: z.string(), actorName: z.string().nullable(),
  assignedUserId: z.uuid().nullable(), assignedUserName: z.string().nullable(), reason: z.string().nullable(), until: z.string().nullable(),
  outcome: z.string().nullable(), committee: z.boolean().nullable(),
});


/**
 * Wmo 2015 art. 2.3.6 lid 2: a personal budget (pgb) only when (a) the client can manage it, alone or
 * with help, (b) has said why they want a pgb, and (c) the care bought with it is safe, effective and client-centred.
 */
export const PgbConditions = z.object({
  managesBudget: z.boolean().describe('a: the client can carry out the tasks of a pgb responsibly (alone or with help)'),
  motivated: z.boolean().describe('b: the client has explained why they want a pgb'),
  qualityAssured: z.boolean().describe('c: the care bought is safe, effective and client-centred'),
  budgetEurocents: z.number().int().min(1).max(100_000_000).describe('The budget over the whole period'),
});
export type PgbConditions = z.infer<typeof PgbConditions>;

/** One requested provision in a beschikking: granted or refused, with the reasoning (Awb 3:46). */
export const DecisionLine = z.object({
  productId: z.uuid().describe('The provision asked for (product catalogue)'),
  granted: z.boolean(),
  reasoning: z.string().trim().min(10).max(5000).describe('Why it is granted or refused, in plain words'),
  result: z.string().trim().min(2).max(1000).optional().describe('granted: the result the provision is meant to achieve'),
  volume: z.number().int().min(1).max(100_000).optional().describe("granted: units per the product's frequency"),
  validFrom: IsoDate.optional(), validTo: IsoDate.optional(),
  form: z.enum(['ZIN', 'PGB']).optional().describe('granted: in kind (zorg in natura) or personal budget (pgb)'),
  providerId: z.uuid().optional().describe('ZIN: the provider that delivers it'),
  pgb: PgbConditions.optional().describe('PGB: the three conditions and the budget'),
});
export type DecisionLine = z.infer<typeof DecisionLine>;

export const DecisionInput = z.object({
  lines: z.array(DecisionLine).min(1).max(20),
  contributionNotice: z.string().trim().min(10).max(5000).describe('Eigen bijdrage: what the client pays and that the CAK collects it'),
  objectionClause: z.string().trim().min(10).max(5000).optional().describe('Bezwaarclausule (Awb 3:45); default the standard clause'),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

/** A decision line as stored and shown: with names and the amount the mandate is checked against. */
export const DecisionLineView = DecisionLine.extend({
  productName: z.string(), productCode: z.string(), unit: z.string(), frequency: z.string(), providerName: z.string().nullable(),
  amountEurocents: z.number().int().nullable().describe('ZIN: cost at the provider\'s tariffs over the period; PGB: the budget; refused: 0'),
});
export type DecisionLineView = z.infer<typeof DecisionLineView>;

export const LetterVersion = z.object({
  id: z.uuid(), version: z.number().int(), templateVersion: z.number().int(), createdAt: z.string(), createdByName: z.string().nullable(),
  signedAt: z.string().nullable(), signedByName: z.string().nullable(),
});
export type LetterVersion = z.infer<typeof LetterVersion>;

export const DecisionView = z.object({
  id: z.uuid(), decidedOn: z.string(), outcome: z.enum(DecisionOutcome), lines: z.array(DecisionLineView),
  contributionNotice: z.string(), objectionClause: z.string(), letters: z.array(LetterVersion).describe('Every version, newest first'),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const WmoActionInput = z.object({
  type: z.enum(WMO_COMMANDS),
  on: IsoDate.optional().describe('The legal date of the step (Europe/Amsterdam); default today'),
  assignedUserId: z.uuid().optional().describe('assign: the Wmo adviser; default yourself (take)'),
  reason: z.string().trim().min(2).max(2000).optional().describe('pauseClock: client_request | information_missing; extendDecisionTerm, extendObjectionTerm, withdraw: why'),
  until: IsoDate.optional().describe('extendDecisionTerm: the date promised in the notice to the client'),
  outcome: z.string().optional().describe(`decide: ${DecisionOutcome.join(' | ')}; decideObjection: ${ObjectionOutcome.join(' | ')}`),
  committee: z.boolean().optional().describe('receiveObjection: heard by an advisory committee (twelve weeks)'),
  decision: DecisionInput.optional().describe('decide: the content of the beschikking (required); the outcome follows from its lines'),
});
export type WmoActionInput = z.infer<typeof WmoActionInput>;

export const PAUSE_REASONS = Object.values(PauseReason);

/** One dated piece of evidence the law requires (evidence.ts); a correction is a newer record of the same kind. */
export const EvidenceInput = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  on: IsoDate.optional().describe('The legal date it happened (Europe/Amsterdam); default today'),
  note: z.string().trim().min(2).max(5000).optional()
    .describe('identity_checked: the kind of document seen (never its number); client_reaction: what the client said about the verslag; else an optional remark'),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;

const Done = z.object({ on: z.string(), note: z.string().nullable(), byName: z.string().nullable().describe('Who recorded it'), recordedAt: z.string().nullable() });
export const ChecklistLineView = z.object({
  item: z.enum(['receiptConfirmed', 'clientSupportClient', 'clientSupportCarer', 'personalPlan', 'identityChecked', 'reportSent', 'clientReaction']),
  required: z.boolean().describe('Due before the aanvraag and the beschikking under this law'),
  done: Done.nullable(),
  dueOn: z.string().nullable().optional().describe('personalPlan: the last day to hand it in (seven days after the melding, Atw)'),
  outcome: z.enum(['received', 'not_received']).nullable().optional(),
  outcomeDone: Done.nullable().optional(),
});
export const EvidenceView = z.object({
  items: z.array(ChecklistLineView),
  missing: z.array(ChecklistLineView.shape.item).describe('Required items not recorded yet'),
  records: z.array(z.object({ kind: z.enum(EVIDENCE_KINDS), on: z.string(), note: z.string().nullable(), actorName: z.string().nullable(), recordedAt: z.string() }))
    .describe('Every record, oldest first'),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

const assessmentText = z.string().trim().max(10_000);
/** The onderzoek (Wmo 2015 art. 2.3.2 lid 4): one field per item; an empty field is not looked at (yet). Every save is a new version. */
export const AssessmentInput = z.object({
  ...(Object.fromEntries(ASSESSMENT_FIELDS.map((f) => [f, assessmentText.optional()])) as Record<AssessmentField, z.ZodOptional<typeof assessmentText>>),
  zrmAssessmentId: z.uuid().nullable().optional().describe("A ZRM scoring of the client's trajectory the onderzoek used (optional)"),
  basedOnVersion: z.number().int().min(0).optional().describe('The version you edited (0: none yet); a newer one saved since is 409 assessment_outdated'),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

const ZrmRef = z.object({ id: z.uuid(), trajectoryId: z.uuid(), moment: z.string(), on: z.string() });
export const AssessmentView = z.object({
  ...(Object.fromEntries(ASSESSMENT_FIELDS.map((f) => [f, z.string().nullable()])) as Record<AssessmentField, z.ZodNullable<z.ZodString>>),
  version: z.number().int(), createdAt: z.string(), createdByName: z.string().nullable(), zrm: ZrmRef.nullable(),
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdByName: z.string().nullable() })).describe('Every version, newest first'),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

export const WmoNotificationView = WmoInboxItem.omit({ clock: true }).extend({
  clientBirthDate: z.string().nullable(), channel: z.string(), reportedBy: z.string(), registeredByTeamName: z.string().nullable(),
  clocks: z.array(WmoClockView), allowed: z.array(z.enum(WMO_COMMANDS)).describe('What may happen next (the same table the UI uses)'),
  actions: z.array(WmoActionView),
  decision: DecisionView.nullable().describe('The latest beschikking with its letter versions, null before the decide step'),
  evidence: EvidenceView.describe('The evidence the law requires, as a checklist with dates and who recorded it'),
  assessment: AssessmentView.nullable().describe('The onderzoek, current version; null before the first save'),
  zrmOptions: z.array(ZrmRef).describe("The client's ZRM scorings the onderzoek may refer to"),
  minor: z.boolean().describe('The client is under 18 today: letters go to the parents or legal representatives'),
});
export type WmoNotificationView = z.infer<typeof WmoNotificationView>;

/** A version of the decision letter's template: plain text, '# ' starts a heading, {{placeholders}} (decision.ts TEMPLATE_PLACEHOLDERS). */
export const LetterTemplateVersion = z.object({ version: z.number().int(), body: z.string(), createdAt: z.string(), createdByName: z.string().nullable() });
export const LetterTemplateView = z.object({ placeholders: z.array(z.string()), versions: z.array(LetterTemplateVersion).describe('Newest (the one used) first') });
export const LetterTemplateInput = z.object({ body: z.string().trim().min(20).max(20_000) });

/** Mandaat: a user may sign decisions on a product (null: every product) up to an amount per provision. */
export const Mandate = z.object({
  id: z.uuid(), userId: z.uuid(), userName: z.string().nullable(), productId: z.uuid().nullable(), maxEurocents: z.number().int(), createdAt: z.string(),
});
export const MandateInput = z.object({
  userId: z.uuid(), productId: z.uuid().nullable().default(null), maxEurocents: z.number().int().min(0).max(2_000_000_000),
});
