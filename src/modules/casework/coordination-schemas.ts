/** Shapes of casusregie on a trajectory (coordination-store.ts): onward referrals and hand-overs. Pure (zod only); the UI takes the types through schemas.ts. */
import { z } from 'zod';
import { LAWS, WMO_STATUSES } from '../wmo/wmo-process.ts';
import {
  HANDOVER_DIRECTIONS, HANDOVER_PARTIES, ONWARD_REFERRAL_ACTION_TYPES, ONWARD_REFERRAL_COMMANDS, ONWARD_REFERRAL_KINDS, ONWARD_REFERRAL_STATUSES,
} from './coordination-process.ts';

const isoDate = z.iso.date();
const text = z.string().trim().min(2).max(2000);
const shortText = z.string().trim().min(2).max(200);
export const OnwardReferralInput = z.object({
  kind: z.enum(ONWARD_REFERRAL_KINDS),
  organisation: shortText.optional().describe('second_line: the provider or organisation (required); indication: not used'),
  purpose: text.describe('what the client is referred for'),
  referredOn: isoDate.optional().describe('the day of the referral (default today); not in the future'),
  contact: shortText.optional().describe('the contact person at the organisation, with phone or e-mail'),
  law: z.enum(LAWS).optional().describe('indication: the law of the melding (wmo or jeugdwet; required)'),
});
export type OnwardReferralInput = z.infer<typeof OnwardReferralInput>;
export const OnwardReferralActionInput = z.object({
  type: z.enum(ONWARD_REFERRAL_COMMANDS),
  on: isoDate.optional().describe('the day it happened (default today); not in the future, not before the previous step'),
  note: text.optional(),
});
export type OnwardReferralActionInput = z.infer<typeof OnwardReferralActionInput>;
export const HandoverInput = z.object({
  direction: z.enum(HANDOVER_DIRECTIONS), party: z.enum(HANDOVER_PARTIES),
  partyName: shortText.describe('who exactly: "Veilig Thuis Rotterdam Rijnmond", the specialised team'),
  reason: text, handedOver: text.describe('what was handed over (the file, the plan, the safety agreements)'),
  confirmedBy: shortText.describe('who confirmed it on the other side (escalate) or took it back (step_down)'),
  confirmedOn: isoDate.optional().describe('the day it was confirmed (default today); not in the future'),
});
export type HandoverInput = z.infer<typeof HandoverInput>;

export const OnwardReferralView = z.object({
  id: z.uuid(), kind: z.enum(ONWARD_REFERRAL_KINDS), organisation: z.string().nullable(), purpose: z.string(), referredOn: isoDate,
  contact: z.string().nullable(), status: z.enum(ONWARD_REFERRAL_STATUSES), allowedNext: z.array(z.enum(ONWARD_REFERRAL_COMMANDS)),
  notification: z.object({ id: z.uuid(), law: z.enum(LAWS), status: z.enum(WMO_STATUSES) }).nullable().describe('indication: the linked melding and its status'),
  actions: z.array(z.object({ type: z.enum(ONWARD_REFERRAL_ACTION_TYPES), on: isoDate, actorName: z.string().nullable(), note: z.string().nullable() })),
  version: z.number().int(),
});
export type OnwardReferralView = z.infer<typeof OnwardReferralView>;
export const HandoverView = z.object({
  id: z.uuid(), direction: z.enum(HANDOVER_DIRECTIONS), party: z.enum(HANDOVER_PARTIES), partyName: z.string(),
  reason: z.string().nullable().describe('null when sealed'), handedOver: z.string().nullable().describe('null when sealed'),
  confirmedBy: z.string(), confirmedOn: isoDate, recordedByName: z.string().nullable(), recordedAt: z.string(),
  safetyRecord: z.object({ id: z.uuid(), mayOpen: z.boolean() }).nullable().describe('the sealed safety record this escalation to Veilig Thuis is linked to'),
  sealed: z.boolean().describe('the text is the safety record\'s: shown only to those on its case and to who recorded it'),
});
export type HandoverView = z.infer<typeof HandoverView>;
export const CoordinationView = z.object({
  trajectoryId: z.uuid(), teamId: z.uuid(), teamName: z.string(), professionalName: z.string().nullable().describe('the case holder in the team: casusregie stays here'),
  escalatedTo: z.array(z.enum(HANDOVER_PARTIES)).describe('parties the case is escalated to now'),
  allowedHandovers: z.array(z.object({ direction: z.enum(HANDOVER_DIRECTIONS), party: z.enum(HANDOVER_PARTIES) })),
  onwardReferrals: z.array(OnwardReferralView).describe('oldest first'),
  handovers: z.array(HandoverView).describe('in the order they were recorded'),
  mayAct: z.boolean().describe('the trajectory is open and the actor is in its team'),
});
export type CoordinationView = z.infer<typeof CoordinationView>;
