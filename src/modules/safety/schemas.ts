/** Shapes of the safety (meldcode) API. Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';
import { CONSULTED_PARTIES, DECISIONS, SAFETY_PROTOCOL_COMMANDS, SAFETY_PROTOCOL_STATUSES, type SafetyProtocolCommand } from './safety-protocol-process.ts';

const isoDate = z.iso.date();
const note = z.string().trim().min(1).max(4000);

export const SafetyAssessmentSchema = z.object({
  suspicion: z.boolean().describe('1. is there a suspicion of domestic violence or child abuse?'),
  acuteOrStructuralUnsafety: z.boolean().nullable().optional().describe('2. acute or structural unsafety? yes → report'),
  canOrganiseHelp: z.boolean().nullable().optional().describe('3. can I offer or organise effective help? no → report'),
  helpAccepted: z.boolean().nullable().optional().describe('4. do those involved accept help? no → report'),
  helpReachesSafety: z.boolean().nullable().optional().describe('5. does the help reach safety in the agreed time? no → report'),
});

/** The body of each step; `on` is the day it happened (default today). */
export const commandBodies = {
  mapSignals: z.object({ on: isoDate.optional(), note: note.describe('the signals, as observed') }),
  consult: z.object({ on: isoDate.optional(), party: z.enum(CONSULTED_PARTIES), anonymous: z.boolean().default(false).describe('Veilig Thuis consulted without naming the client'),
    note: note.describe('what the consultation gave') }),
  talk: z.object({ on: isoDate.optional(), held: z.boolean().describe('false: not held because it would endanger someone (the reason in note)'), note }),
  weigh: z.object({ on: isoDate.optional(), assessment: SafetyAssessmentSchema, note: note.optional() }),
  decide: z.object({ on: isoDate.optional(), decision: z.enum(DECISIONS), note: note.optional().describe('the reasons; required for an immediate report before the weighing') }),
  report: z.object({ on: isoDate.optional().describe('the day of the report to Veilig Thuis'), note: note.describe('what was reported') }),
  agreeFollowUp: z.object({ on: isoDate.optional(), followUpOn: isoDate.describe('the date agreed with Veilig Thuis'), note: note.optional() }),
  close: z.object({ on: isoDate.optional(), note: note.optional() }),
} as const satisfies Record<SafetyProtocolCommand, z.ZodType>;
export type CommandBody = z.infer<(typeof commandBodies)[SafetyProtocolCommand]>;

export const SafetyAction = z.object({
  type: z.string(), on: isoDate, at: z.string(), actorName: z.string().nullable(),
  note: z.string().nullable(), party: z.enum(CONSULTED_PARTIES).nullable(), anonymous: z.boolean().nullable(), held: z.boolean().nullable(),
  assessment: SafetyAssessmentSchema.nullable(), decision: z.enum(DECISIONS).nullable(), followUpOn: isoDate.nullable(),
});

export const AccessRequestView = z.object({
  id: z.uuid(), requestedByName: z.string(), reason: z.string(), requestedAt: z.string(),
  decidedByName: z.string().nullable(), decidedAt: z.string().nullable(), approved: z.boolean().nullable(), expiresAt: z.string().nullable(),
});
export type AccessRequestView = z.infer<typeof AccessRequestView>;

export const MemberView = z.object({ userId: z.uuid(), name: z.string() });
export type MemberView = z.infer<typeof MemberView>;

export const SafetyRecordView = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(),
  contact: z.object({ id: z.uuid(), contactedAt: z.string(), channel: z.string(), teamName: z.string().nullable(), registeredByName: z.string().nullable(),
    text: z.string().describe('the sealed contact text') }),
  teamName: z.string().nullable().describe('the neighbourhood team of the client\'s postcode'),
  status: z.enum(SAFETY_PROTOCOL_STATUSES), step: z.number().int().min(1).max(5), allowedNext: z.array(z.enum(SAFETY_PROTOCOL_COMMANDS)),
  advice: z.enum(DECISIONS).nullable().describe('what the last weighing advises'),
  report: SafetyAction.nullable().describe('the report to Veilig Thuis'), followUps: z.array(isoDate),
  actions: z.array(SafetyAction),
  members: z.array(MemberView),
  access: z.object({ via: z.string(), until: z.string().nullable() }).describe('how you are on this case'),
  mayLead: z.boolean().describe('team lead or safety officer on the case: may assign colleagues and approve requests'),
  accessRequests: z.array(AccessRequestView),
  version: z.number().int(),
});
export type SafetyRecordView = z.infer<typeof SafetyRecordView>;

export const SafetyRecordItem = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), status: z.enum(SAFETY_PROTOCOL_STATUSES), step: z.number().int(),
  openedOn: isoDate, teamName: z.string().nullable(), pendingRequests: z.number().int(),
});
export type SafetyRecordItem = z.infer<typeof SafetyRecordItem>;

export const MemberInput = z.object({ userId: z.uuid() });
export const AccessRequestInput = z.object({ reason: z.string().trim().min(10).max(1000) });
export const AccessDecisionInput = z.object({ approved: z.boolean(), hours: z.number().int().min(1).max(24).default(8) });
