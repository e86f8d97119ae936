/** Shapes of the casework API (trajectories, caseloads). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';
import { ACTIVITY_KINDS, MAX_ACTIVITY_MINUTES } from './activity.ts';
import { ZRM_DOMAINS, ZRM_MOMENTS, type ZrmDomain } from './zrm.ts';
import { TRAJECTORY_ACTION_TYPES, TRAJECTORY_COMMANDS, TRAJECTORY_OUTCOMES, TRAJECTORY_STATUSES } from './trajectory-process.ts';

const isoDate = z.iso.date();
const ClockStateEnum = z.enum(['on_time', 'at_risk', 'overdue', 'met', 'met_late']);
export const ClockView = z.object({
  dueOn: isoDate, doneOn: isoDate.nullable(), state: ClockStateEnum,
  daysLeft: z.number().int().nullable().describe('days until due (0 on the day, negative when overdue); null once done'),
});
export const ClocksView = z.object({
  plan: ClockView.describe('ondersteuningsplan within the norm (6 weeks) of the day the referral came in'),
  end: ClockView.extend({ earliestOn: isoDate, extended: z.boolean() }).nullable().describe('end of the trajectory (3–12 months from the start of support); null before support starts'),
  nextEvaluation: ClockView.nullable(),
  reopenUntil: isoDate.nullable().describe('closed: the last day it can be re-opened'),
});
export const UrgentClock = z.object({ clock: z.enum(['plan', 'end', 'nextEvaluation']), dueOn: isoDate, state: ClockStateEnum }).nullable();

export const TrajectoryView = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), teamId: z.uuid(), teamName: z.string(),
  referralId: z.uuid().nullable(), reopenedFrom: z.uuid().nullable(), reopenedAs: z.uuid().nullable(),
  professionalUserId: z.uuid().nullable(), professionalName: z.string().nullable(),
  receivedOn: isoDate.describe('the day the referral came in (the contact, the GP\'s authoredOn)'),
  status: z.enum(TRAJECTORY_STATUSES), outcome: z.enum(TRAJECTORY_OUTCOMES).nullable(),
  allowedNext: z.array(z.enum(TRAJECTORY_COMMANDS)), clocks: ClocksView, mostUrgent: UrgentClock,
  version: z.number().int(),
  actions: z.array(z.object({
    type: z.enum(TRAJECTORY_ACTION_TYPES), on: isoDate, at: z.string(), actorName: z.string().nullable(),
    reason: z.string().nullable(), outcome: z.enum(TRAJECTORY_OUTCOMES).nullable(), untilOn: isoDate.nullable(), linkedTrajectoryId: z.uuid().nullable(),
    fromName: z.string().nullable().optional().describe('reassigned: the professional who carried the case before (null: no one)'),
    toName: z.string().nullable().optional().describe('reassigned: the professional who carries it now'),
  })),
});
export type TrajectoryView = z.infer<typeof TrajectoryView>;

export const CaseloadItem = TrajectoryView.omit({ actions: true, allowedNext: true, reopenedAs: true }).extend({
  waitingDays: z.number().int().nullable().describe('accepted, support not started: days since the referral came in; else null'),
});
export type CaseloadItem = z.infer<typeof CaseloadItem>;

/** The clock states a caseload filters on: the state of the most urgent running clock. */
export const CLOCK_FILTERS = ['on_time', 'at_risk', 'overdue'] as const;
/** What else a caseload narrows to: the plan overdue, running longer than the maximum (12 months), waiting for support to start. */
export const CASELOAD_FOCUS = ['plan_overdue', 'over_max_duration', 'waiting'] as const;
/** Most urgent clock first; longest waiting (received first); newest first. */
export const CASELOAD_SORTS = ['urgency', 'oldest', 'newest'] as const;

export const CaseloadQuery = z.object({
  state: z.enum(CLOCK_FILTERS).optional().describe('the state of the most urgent running clock'),
  focus: z.enum(CASELOAD_FOCUS).optional(),
  sort: z.enum(CASELOAD_SORTS).default('urgency'),
  cursor: z.string().max(300).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseloadQuery = z.infer<typeof CaseloadQuery>;

const StateCounts = {
  onTime: z.number().int(), atRisk: z.number().int(), overdue: z.number().int().describe('the most urgent running clock is overdue'),
};
export const Caseload = z.object({
  items: z.array(CaseloadItem).describe('one page of open trajectories, in the order asked for'),
  nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
  counts: z.object({ open: z.number().int(), ...StateCounts }).describe('the whole list (every page) by clock state, without the state filter'),
});
export type Caseload = z.infer<typeof Caseload>;

const OverviewCounts = z.object({
  open: z.number().int(), ...StateCounts,
  planOverdue: z.number().int().describe('no plan agreed and the plan clock overdue'),
  overMaxDuration: z.number().int().describe('support started longer ago than the maximum duration (12 months), extended or not'),
  waiting: z.number().int().describe('accepted, support not started'),
});
export const WaitingItem = z.object({
  kind: z.enum(['referral', 'trajectory']).describe('referral: referred, not accepted yet; trajectory: accepted, support not started'),
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), receivedOn: isoDate, waitingDays: z.number().int(),
  professionalName: z.string().nullable(), status: z.string(),
});
export type WaitingItem = z.infer<typeof WaitingItem>;
/** The team lead's view of a team's caseload. */
export const CaseloadOverview = z.object({
  byProfessional: z.array(OverviewCounts.extend({ professionalUserId: z.uuid().nullable(), professionalName: z.string().nullable() })),
  total: OverviewCounts,
  waiting: z.object({
    referred: z.number().int().describe('referrals not accepted yet'),
    accepted: z.number().int().describe('trajectories whose support has not started'),
    items: z.array(WaitingItem).describe('the longest waiting first, at most 50'),
  }),
});
export type CaseloadOverview = z.infer<typeof CaseloadOverview>;

export const ReassignBody = z.object({ professionalUserId: z.uuid().describe('an active professional of the trajectory\'s team') });

const on = isoDate.optional().describe('the day it happened (default today); not in the future, not before the previous step');
const text = z.string().trim().min(2).max(2000);
/** The body of each command. */
export const commandBodies = {
  agreePlan: z.object({ on }),
  startSupport: z.object({ on }),
  startEvaluation: z.object({ on }),
  finishEvaluation: z.object({ on }),
  requestExtension: z.object({ on, reason: text, untilOn: isoDate.describe('the end date asked for') }),
  approveExtension: z.object({ on }),
  close: z.object({ on, outcome: z.enum(TRAJECTORY_OUTCOMES), reason: text.optional().describe('a short explanation (free text)') }),
  reopen: z.object({ reason: text.optional() }),
} as const;
/** The steps of the work, each with its own route; `reassign` is the team lead's hand-over (ReassignBody, casework.reassign). */
export type StepCommand = keyof typeof commandBodies;
export type CommandBody = { on?: string; reason?: string; untilOn?: string; outcome?: (typeof TRAJECTORY_OUTCOMES)[number] };

/** The activity log of a trajectory (activity-store.ts). */
export const ActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  on: isoDate.optional().describe('the day it took place (default today); not in the future'),
  minutes: z.number().int().min(1).max(MAX_ACTIVITY_MINUTES).describe('time spent, in minutes'),
  note: z.string().trim().max(500).optional().describe('a short note'),
});
export type ActivityInput = z.infer<typeof ActivityInput>;
export const ActivityView = z.object({
  id: z.uuid(), kind: z.enum(ACTIVITY_KINDS), on: isoDate, minutes: z.number().int(), note: z.string().nullable(),
  actorName: z.string().nullable(), recordedAt: z.string(),
});
export type ActivityView = z.infer<typeof ActivityView>;
export const ActivityLog = z.object({
  items: z.array(ActivityView).describe('newest first'),
  totalMinutes: z.number().int(),
  minutesByKind: z.record(z.enum(ACTIVITY_KINDS), z.number().int()),
});
export type ActivityLog = z.infer<typeof ActivityLog>;

/** The Zelfredzaamheid-Matrix of a trajectory (zrm-store.ts). */
const ZrmScoresSchema = z.object(Object.fromEntries(ZRM_DOMAINS.map((d) => [d, z.number().int().min(1).max(5)])) as Record<ZrmDomain, z.ZodNumber>)
  .describe('every one of the 13 domains, scored 1 (acute problematiek) to 5 (volledig zelfredzaam)');
export const ZrmInput = z.object({
  moment: z.enum(ZRM_MOMENTS),
  on: isoDate.optional().describe('the day it was scored (default today); not in the future'),
  scores: ZrmScoresSchema,
});
export type ZrmInput = z.infer<typeof ZrmInput>;
export const ZrmView = z.object({
  assessments: z.array(z.object({
    id: z.uuid(), moment: z.enum(ZRM_MOMENTS), on: isoDate, actorName: z.string().nullable(), scores: ZrmScoresSchema,
  })).describe('oldest first'),
  change: z.array(z.object({ domain: z.enum(ZRM_DOMAINS), from: z.number().int(), to: z.number().int(), delta: z.number().int(), text: z.string() }))
    .describe('per domain, the first score and the latest ("Huisvesting: 2 → 4"); empty until scored twice'),
});
export type ZrmView = z.infer<typeof ZrmView>;

/** Casusregie (coordination-schemas.ts): the UI takes its types from here. */
export type { CoordinationView, HandoverView, OnwardReferralView } from './coordination-schemas.ts';
