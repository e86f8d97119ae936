import { z } from 'zod';
import { DecisionOutcome, ObjectionOutcome, PauseReason, WMO_COMMANDS, WMO_STATUSES } from './wmo-process.ts';

const IsoDate = z.iso.date();

export const WmoClockView = z.object({
  kind: z.enum(['assessment', 'decision', 'objectionTerm', 'objectionDecision']),
  startedOn: z.string(), dueOn: z.string().nullable(), movedFrom: z.string().nullable(), pausedSince: z.string().nullable(),
  suspendedDays: z.number(), extended: z.boolean(), stoppedOn: z.string().nullable(), late: z.boolean(), daysLeft: z.number().nullable(),
});
export type WmoClockView = z.infer<typeof WmoClockView>;

/** One line of a Wmo inbox: spoed first, then the clock that runs out first. */
export const WmoInboxItem = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), notifiedOn: z.string(), status: z.enum(WMO_STATUSES), urgent: z.boolean(),
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

export const WmoNotificationView = WmoInboxItem.omit({ clock: true }).extend({
  clientBirthDate: z.string().nullable(), channel: z.string(), reportedBy: z.string(), registeredByTeamName: z.string().nullable(),
  clocks: z.array(WmoClockView), allowed: z.array(z.enum(WMO_COMMANDS)).describe('What may happen next (the same table the UI uses)'),
  actions: z.array(WmoActionView),
});
export type WmoNotificationView = z.infer<typeof WmoNotificationView>;

export const WmoActionInput = z.object({
  type: z.enum(WMO_COMMANDS),
  on: IsoDate.optional().describe('The legal date of the step (Europe/Amsterdam); default today'),
  assignedUserId: z.uuid().optional().describe('assign: the Wmo adviser; default yourself (take)'),
  reason: z.string().trim().min(2).max(2000).optional().describe('pauseClock: client_request | information_missing; extendDecisionTerm, extendObjectionTerm, withdraw: why'),
  until: IsoDate.optional().describe('extendDecisionTerm: the date promised in the notice to the client'),
  outcome: z.string().optional().describe(`decide: ${DecisionOutcome.join(' | ')}; decideObjection: ${ObjectionOutcome.join(' | ')}`),
  committee: z.boolean().optional().describe('receiveObjection: heard by an advisory committee (twelve weeks)'),
});
export type WmoActionInput = z.infer<typeof WmoActionInput>;

export const PAUSE_REASONS = Object.values(PauseReason);
