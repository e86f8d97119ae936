/**
 * A trajectory (traject basishulp) of a neighbourhood team, as a list of actions (DOMAIN §3.3).
 * The status is a fold over the actions; what may happen next is a table; the clocks are computed
 * from the actions and the norms, never stored. Pure (no I/O): the server and the UI share it.
 *
 *   intake ── agreePlan ──> plan_agreed ── startSupport ──> in_progress ⇄ evaluation ── close ──> closed
 *     (close from every open status: a client may stop, move away or die at any point)
 *   closed ── reopen (within the re-open period) ──> a new trajectory, linked to this one
 *   (reassign in every open status: the team lead hands the case to another professional; no status change)
 *
 * Norms (how long each clock runs) are passed in: they come from the one configuration with
 * validity dates that the Wmo clocks use too; the norms valid on the day the referral came in apply.
 */

import { addDays, addMonths, daysBetween, type IsoDate, type Term } from '../legal-terms/legal-terms.ts';

export type { IsoDate, Term };

export const TrajectoryStatus = {
  Intake: 'intake', PlanAgreed: 'plan_agreed', InProgress: 'in_progress', Evaluation: 'evaluation', Closed: 'closed',
} as const;
export type TrajectoryStatus = (typeof TrajectoryStatus)[keyof typeof TrajectoryStatus];
export const TRAJECTORY_STATUSES = Object.values(TrajectoryStatus);

export const TrajectoryActionType = {
  /** The trajectory began: an accepted referral, or a re-opened trajectory. */
  Opened: 'opened',
  /** The support plan (ondersteuningsplan) was agreed with the client. */
  PlanAgreed: 'plan_agreed',
  SupportStarted: 'support_started',
  EvaluationStarted: 'evaluation_started',
  EvaluationFinished: 'evaluation_finished',
  /** Longer than the maximum duration: asked with a reason … */
  ExtensionRequested: 'extension_requested',
  /** … and approved by the team lead. */
  ExtensionApproved: 'extension_approved',
  Closed: 'closed',
  /** Recorded on the closed trajectory when a new one continues it (the old one stays closed). */
  Reopened: 'reopened',
  /** The team lead handed the case to another professional (from → to); the status stays. */
  Reassigned: 'reassigned',
} as const;
export type TrajectoryActionType = (typeof TrajectoryActionType)[keyof typeof TrajectoryActionType];
export const TRAJECTORY_ACTION_TYPES = Object.values(TrajectoryActionType);

/** The commands a professional can give, and the action each one appends. */
export const TrajectoryCommand = {
  AgreePlan: 'agreePlan', StartSupport: 'startSupport', StartEvaluation: 'startEvaluation', FinishEvaluation: 'finishEvaluation',
  RequestExtension: 'requestExtension', ApproveExtension: 'approveExtension', Close: 'close', Reopen: 'reopen', Reassign: 'reassign',
} as const;
export type TrajectoryCommand = (typeof TrajectoryCommand)[keyof typeof TrajectoryCommand];
export const TRAJECTORY_COMMANDS = Object.values(TrajectoryCommand);

export const actionOfCommand = {
  agreePlan: 'plan_agreed', startSupport: 'support_started', startEvaluation: 'evaluation_started', finishEvaluation: 'evaluation_finished',
  requestExtension: 'extension_requested', approveExtension: 'extension_approved', close: 'closed', reopen: 'reopened', reassign: 'reassigned',
} as const satisfies Record<TrajectoryCommand, TrajectoryActionType>;

/** `reassign` (the team lead's hand-over, its own route and permission) is allowed while the trajectory is open. */
export const allowedNext = {
  intake: ['agreePlan', 'close', 'reassign'],
  plan_agreed: ['startSupport', 'close', 'reassign'],
  in_progress: ['startEvaluation', 'requestExtension', 'approveExtension', 'close', 'reassign'],
  evaluation: ['finishEvaluation', 'requestExtension', 'approveExtension', 'close', 'reassign'],
  closed: ['reopen'],
} as const satisfies Record<TrajectoryStatus, readonly TrajectoryCommand[]>;

/** Why a trajectory ended (uitstroomreden). */
export const TrajectoryOutcome = {
  GoalReached: 'goal_reached', PartlyReached: 'partly_reached', NotReached: 'not_reached',
  ReferredSecondLine: 'referred_second_line', ClientStopped: 'client_stopped', MovedAway: 'moved_away', Died: 'died',
} as const;
export type TrajectoryOutcome = (typeof TrajectoryOutcome)[keyof typeof TrajectoryOutcome];
export const TRAJECTORY_OUTCOMES = Object.values(TrajectoryOutcome);

/** The outcome in plain Dutch, as the referrer (the GP's Task) and the client read it. */
export const outcomeLabelNl = {
  goal_reached: 'Doel bereikt', partly_reached: 'Doel deels bereikt', not_reached: 'Doel niet bereikt',
  referred_second_line: 'Doorverwezen naar specialistische hulp', client_stopped: 'Cliënt is gestopt', moved_away: 'Cliënt is verhuisd', died: 'Cliënt is overleden',
} as const satisfies Record<TrajectoryOutcome, string>;

export type TrajectoryAction = {
  type: TrajectoryActionType;
  /** The day it happened as the professional states it (a plan agreed yesterday is entered today). */
  on: IsoDate;
  actorUserId?: string | null;
  reason?: string | null;
  outcome?: TrajectoryOutcome | null;
  /** extension_requested: the end date asked for. */
  untilOn?: IsoDate | null;
  /** opened: the trajectory this one continues; reopened: the new trajectory. */
  linkedTrajectoryId?: string | null;
  /** reassigned: the professional who carried the case before (null: no one) … */
  fromUserId?: string | null;
  /** … and the one who carries it now. */
  toUserId?: string | null;
};

/** The norms of basic support (DOMAIN §3.3, §5 Raadsmonitor); configuration, valid from/to. */
export type TrajectoryNorms = {
  /** The support plan within six weeks of the day the referral came in. */
  planWithin: Term;
  /** A trajectory lasts at least three … */
  minDuration: Term;
  /** … and at most twelve months, longer only with a reason and the team lead's approval. */
  maxDuration: Term;
  /** An evaluation every three months. */
  evaluationEvery: Term;
  /** A closed trajectory can be re-opened within three months; after that a new referral is needed. */
  reopenWithin: Term;
  /** A clock is 'at risk' this close to its due date. */
  atRiskWithin: Term;
};

/**
 * The day a term that starts on `from` ends, in calendar days and months (31 Jan + 1 month = 28/29 Feb).
 * These are the municipality's service norms, not statutory terms: the Algemene termijnenwet does not
 * move them off a weekend or holiday.
 */
export function addTerm(from: IsoDate, term: Term): IsoDate {
  return term.unit === 'months' ? addMonths(from, term.amount) : addDays(from, term.amount * (term.unit === 'weeks' ? 7 : 1));
}
const subtractTerm = (from: IsoDate, term: Term) => addTerm(from, { ...term, amount: -term.amount });

const statusAfter: Record<TrajectoryActionType, TrajectoryStatus | null> = {
  opened: 'intake', plan_agreed: 'plan_agreed', support_started: 'in_progress', evaluation_started: 'evaluation',
  evaluation_finished: 'in_progress', extension_requested: null, extension_approved: null, closed: 'closed', reopened: null,
  reassigned: null,
};

export function statusOf(actions: readonly TrajectoryAction[]): TrajectoryStatus {
  return actions.reduce<TrajectoryStatus>((s, a) => statusAfter[a.type] ?? s, TrajectoryStatus.Intake);
}

export function isAllowed(status: TrajectoryStatus, command: TrajectoryCommand): boolean {
  return (allowedNext[status] as readonly TrajectoryCommand[]).includes(command);
}

/** The 409 message: names the current status and what is allowed. */
export function notAllowedMessage(status: TrajectoryStatus, command: TrajectoryCommand): string {
  const allowed = allowedNext[status];
  return `Traject heeft status '${status}'; '${command}' kan niet (toegestaan: ${allowed.join(', ') || 'niets'}) / `
    + `Trajectory is in status '${status}'; allowed: ${allowed.join(', ') || 'none'}`;
}

const last = (actions: readonly TrajectoryAction[], type: TrajectoryActionType) => [...actions].reverse().find((a) => a.type === type);
const lastIndex = (actions: readonly TrajectoryAction[], type: TrajectoryActionType) => actions.map((a) => a.type).lastIndexOf(type);

/** The day the referral came in (the contact's date or the GP's authoredOn): where the plan clock starts. */
export const receivedOn = (actions: readonly TrajectoryAction[]): IsoDate => actions.find((a) => a.type === 'opened')!.on;

/** An extension asked for and not yet approved, or null. */
export function pendingExtension(actions: readonly TrajectoryAction[]): TrajectoryAction | null {
  const asked = lastIndex(actions, 'extension_requested');
  return asked >= 0 && asked > lastIndex(actions, 'extension_approved') ? actions[asked]! : null;
}

/**
 * Why a command that the status table allows still cannot be given, or null. The 409 of a
 * refused step names this reason; the status table names the rest.
 */
export function refusalOf(actions: readonly TrajectoryAction[], command: TrajectoryCommand, norms: TrajectoryNorms, today: IsoDate,
  input: { on?: IsoDate; untilOn?: IsoDate | null } = {}): { code: string; message: string } | null {
  const on = input.on ?? today;
  if (on > today) return { code: 'date_in_future', message: 'Deze datum ligt in de toekomst / This date is in the future' };
  // A hand-over is dated today by the server and is no step of the work: a plan agreed before it can still be recorded.
  const prev = actions.findLast((a) => a.type !== 'reassigned');
  if (prev && on < prev.on && command !== 'reopen') {
    return { code: 'date_before_previous_step', message: `De datum ligt vóór de vorige stap (${prev.on}) / The date is before the previous step (${prev.on})` };
  }
  if (command === 'approveExtension' && !pendingExtension(actions)) {
    return { code: 'no_extension_requested', message: 'Er is geen verlenging aangevraagd / No extension was requested' };
  }
  if (command === 'requestExtension') {
    const end = endDueOn(actions, norms);
    if (!input.untilOn || (end && input.untilOn <= end)) {
      return { code: 'extension_not_later', message: `Een verlenging loopt tot ná de huidige einddatum (${end}) / An extension ends after the current end date (${end})` };
    }
  }
  if (command === 'reopen') {
    if (last(actions, 'reopened')) return { code: 'already_reopened', message: 'Dit traject is al heropend / This trajectory was already re-opened' };
    const until = reopenUntil(actions, norms);
    if (until && today > until) {
      return { code: 'reopen_period_passed', message: `Heropenen kon tot ${until}; daarna is een nieuwe verwijzing nodig / Re-opening was possible until ${until}; a new referral is needed` };
    }
  }
  return null;
}

/** The last day a closed trajectory can be re-opened; null while it is open. */
export function reopenUntil(actions: readonly TrajectoryAction[], norms: TrajectoryNorms): IsoDate | null {
  const closed = last(actions, 'closed');
  return statusOf(actions) === 'closed' && closed ? addTerm(closed.on, norms.reopenWithin) : null;
}

/** The day support started (the start of the 3–12 months), or null before. */
export const supportStartedOn = (actions: readonly TrajectoryAction[]): IsoDate | null => actions.find((a) => a.type === 'support_started')?.on ?? null;

/** The last day of the trajectory: start + the maximum duration, or the end date of the last approved extension. */
export function endDueOn(actions: readonly TrajectoryAction[], norms: TrajectoryNorms): IsoDate | null {
  const start = supportStartedOn(actions);
  if (!start) return null;
  const approved = lastIndex(actions, 'extension_approved');
  // The approval confirms the last request before it.
  const request = approved >= 0 ? actions.slice(0, approved).reverse().find((a) => a.type === 'extension_requested') : undefined;
  return request?.untilOn ?? addTerm(start, norms.maxDuration);
}

export const ClockState = { OnTime: 'on_time', AtRisk: 'at_risk', Overdue: 'overdue', Met: 'met', MetLate: 'met_late' } as const;
export type ClockState = (typeof ClockState)[keyof typeof ClockState];

export type Clock = {
  dueOn: IsoDate;
  /** The day it was done (the plan agreed, the trajectory closed), or null while it runs. */
  doneOn: IsoDate | null;
  state: ClockState;
  /** Days until due (0 on the due day, negative when overdue); null once done. */
  daysLeft: number | null;
};

/** The first day a running clock due on `dueOn` is 'at risk' (the norm basic_support_at_risk before it). */
export const atRiskFrom = (dueOn: IsoDate, norms: TrajectoryNorms): IsoDate => subtractTerm(dueOn, norms.atRiskWithin);

/**
 * The state of a running clock on `today`: overdue after its due day, at risk from `atRiskOn`.
 * The caseload filters on the same comparison in SQL over the stored keys (`stateSql` in
 * caseload-store.ts; trajectory-process.test.ts and caseload.test.ts hold the two together).
 */
export function runningState(dueOn: IsoDate, atRiskOn: IsoDate, today: IsoDate): 'on_time' | 'at_risk' | 'overdue' {
  return today > dueOn ? 'overdue' : today >= atRiskOn ? 'at_risk' : 'on_time';
}

function clock(dueOn: IsoDate, doneOn: IsoDate | null, today: IsoDate, norms: TrajectoryNorms): Clock {
  if (doneOn) return { dueOn, doneOn, state: doneOn <= dueOn ? 'met' : 'met_late', daysLeft: null };
  return { dueOn, doneOn: null, state: runningState(dueOn, atRiskFrom(dueOn, norms), today), daysLeft: daysBetween(today, dueOn) };
}

export type TrajectoryClocks = {
  /** Ondersteuningsplan within six weeks of the day the referral came in. */
  plan: Clock;
  /** The end of the trajectory (null before support starts); `extended` after an approved extension. */
  end: (Clock & { earliestOn: IsoDate; extended: boolean }) | null;
  /** The next evaluation (null before support starts and once closed). */
  nextEvaluation: Clock | null;
  /** Closed: the last day it can be re-opened. */
  reopenUntil: IsoDate | null;
};

export function clocksOf(actions: readonly TrajectoryAction[], norms: TrajectoryNorms, today: IsoDate): TrajectoryClocks {
  const status = statusOf(actions);
  const closedOn = status === 'closed' ? last(actions, 'closed')!.on : null;
  const planOn = actions.find((a) => a.type === 'plan_agreed')?.on ?? null;
  // A trajectory closed without a plan (the client stopped at intake) has no running plan clock.
  const plan = clock(addTerm(receivedOn(actions), norms.planWithin), planOn ?? closedOn, today, norms);
  const start = supportStartedOn(actions);
  const endOn = endDueOn(actions, norms);
  const end = start && endOn
    ? { ...clock(endOn, closedOn, today, norms), earliestOn: addTerm(start, norms.minDuration), extended: lastIndex(actions, 'extension_approved') >= 0 }
    : null;
  let nextEvaluation: Clock | null = null;
  if (start && status !== 'closed') {
    const since = last(actions, 'evaluation_finished')?.on ?? start;
    const due = addTerm(since, norms.evaluationEvery);
    nextEvaluation = clock(due, null, today, norms);
  }
  return { plan, end, nextEvaluation, reopenUntil: reopenUntil(actions, norms) };
}

/** The running clock that is due first (what the caseload sorts on), or null when none runs. */
export function mostUrgent(clocks: TrajectoryClocks): { clock: 'plan' | 'end' | 'nextEvaluation'; dueOn: IsoDate; state: ClockState } | null {
  const running = (['plan', 'nextEvaluation', 'end'] as const)
    .map((name) => ({ name, c: clocks[name] }))
    .filter((x): x is { name: 'plan' | 'end' | 'nextEvaluation'; c: Clock } => !!x.c && x.c.doneOn === null)
    .sort((a, b) => a.c.dueOn.localeCompare(b.c.dueOn));
  const first = running[0];
  return first ? { clock: first.name, dueOn: first.c.dueOn, state: first.c.state } : null;
}

/**
 * What a caseload sorts and filters on, none of it depending on today, so it can be stored beside
 * the trajectory and indexed (migration 280; the store rewrites it with every action appended):
 * the due day of the most urgent running clock and the day it turns at risk (its state on any day is
 * `runningState`), the plan's due day while no plan is agreed, and the day an open trajectory passes
 * its maximum duration (support start + the norm basic_support, 12 months) even when an extension
 * was approved. All null when nothing runs (a closed trajectory).
 */
export type CaseloadKeys = { dueOn: IsoDate | null; atRiskOn: IsoDate | null; planDueOn: IsoDate | null; maxDurationOn: IsoDate | null };

export function caseloadKeysOf(actions: readonly TrajectoryAction[], norms: TrajectoryNorms): CaseloadKeys {
  // Due days do not depend on the day they are looked at: any day will do.
  const clocks = clocksOf(actions, norms, receivedOn(actions));
  const urgent = mostUrgent(clocks);
  const start = supportStartedOn(actions);
  return {
    dueOn: urgent?.dueOn ?? null,
    atRiskOn: urgent ? atRiskFrom(urgent.dueOn, norms) : null,
    planDueOn: clocks.plan.doneOn === null ? clocks.plan.dueOn : null,
    maxDurationOn: start && statusOf(actions) !== 'closed' ? addTerm(start, norms.maxDuration) : null,
  };
}
