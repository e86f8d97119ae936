/**
 * The Wmo 2015 process as a list of actions. The status is a fold over the actions, what may
 * happen next is a table, and every clock is computed from the actions, the configured norms
 * (legal_norms) and the Algemene termijnenwet (src/modules/legal-terms/legal-terms.ts), never stored.
 * Pure (no I/O): the server and the UI share it.
 *
 *   notified ── startAssessment ──> assessing ── recordReport ──> reported ── receiveApplication ──> applied ── decide ──> decided
 *       │  (spoed: grantUrgentProvision at any time before the report; the onderzoek follows)        │                       │
 *       │  receiveApplication also from notified/assessing once the onderzoek's six weeks have passed │      receiveObjection (bezwaar)
 *       └── withdraw (from every open status) ──> withdrawn                                           │                       v
 *                                                                                                      └─ extendDecisionTerm  objected ── decideObjection ──> objection_decided
 *
 * The melding and the aanvraag are never merged: each has its own clock.
 *
 * The same process serves the Jeugdwet (`law: 'jeugdwet'`, docs/wmo.md "Jeugdwet"): the decision term
 * is eight weeks (Awb 4:13, norm youth_decision), there is no statutory onderzoek term (only a
 * municipality's own norm youth_assessment, when configured), and an aanvraag may come at any time
 * (e.g. a GP's direct referral, Jeugdwet art. 2.6 lid 1 onder d).
 */
import { daysBetween, type IsoDate, type LegalCalendar, type Pause, termEnd, termOf } from '../legal-terms/legal-terms.ts';

/** The law a melding and its aanvraag are handled under (wmo_notifications.law). */
export const Law = { Wmo: 'wmo', Jeugdwet: 'jeugdwet' } as const;
export type Law = (typeof Law)[keyof typeof Law];
export const LAWS = Object.values(Law);

export const WmoStatus = {
  Notified: 'notified', Assessing: 'assessing', Reported: 'reported', Applied: 'applied', Decided: 'decided',
  Objected: 'objected', ObjectionDecided: 'objection_decided', Withdrawn: 'withdrawn',
} as const;
export type WmoStatus = (typeof WmoStatus)[keyof typeof WmoStatus];
export const WMO_STATUSES = Object.values(WmoStatus);

/** What a professional can do; each command appends one action of the same name. */
export const WmoCommand = {
  /** Take the melding or assign it to a Wmo adviser (consulent) of the inbox's team. */
  Assign: 'assign',
  /** Spoed (Wmo 2015 art. 2.3.3): a temporary provision at once; the onderzoek follows. */
  GrantUrgentProvision: 'grantUrgentProvision',
  /** Onderzoek (Wmo 2015 art. 2.3.2): the conversation with the client has started. */
  StartAssessment: 'startAssessment',
  /** Opschorting (Awb 4:15): the client asks for time, or information is missing. */
  PauseClock: 'pauseClock',
  ResumeClock: 'resumeClock',
  /** Verslag (Wmo 2015 art. 2.3.2 lid 8): the outcome of the onderzoek sent to the client; ends the onderzoek's clock. */
  RecordReport: 'recordReport',
  /** Aanvraag (Wmo 2015 art. 2.3.2 lid 9, 2.3.5): the client asks for a provision; starts the decision's clock. */
  ReceiveApplication: 'receiveApplication',
  /** Awb 4:14: the decision is late; the client is told (dated notice) when it comes, and why. Once. */
  ExtendDecisionTerm: 'extendDecisionTerm',
  /** Beschikking (Wmo 2015 art. 2.3.5). */
  Decide: 'decide',
  /** The client withdraws the melding or the aanvraag. */
  Withdraw: 'withdraw',
  /** Bezwaar (Awb 6:4, 6:7): a linked sub-case of the decision. */
  ReceiveObjection: 'receiveObjection',
  /** Awb 7:10 lid 3: the decision on the objection is postponed, at most six weeks. Once. */
  ExtendObjectionTerm: 'extendObjectionTerm',
  DecideObjection: 'decideObjection',
} as const;
export type WmoCommand = (typeof WmoCommand)[keyof typeof WmoCommand];
export const WMO_COMMANDS = Object.values(WmoCommand);

/** The table: what may follow each status. Guards on top of it (a pause, "once") are in allowedCommands(). */
export const allowedNext = {
  notified: ['assign', 'grantUrgentProvision', 'startAssessment', 'pauseClock', 'resumeClock', 'receiveApplication', 'withdraw'],
  assessing: ['assign', 'grantUrgentProvision', 'pauseClock', 'resumeClock', 'recordReport', 'receiveApplication', 'withdraw'],
  reported: ['assign', 'receiveApplication', 'withdraw'],
  applied: ['assign', 'pauseClock', 'resumeClock', 'extendDecisionTerm', 'decide', 'withdraw'],
  decided: ['receiveObjection'],
  objected: ['assign', 'extendObjectionTerm', 'decideObjection'],
  objection_decided: [],
  withdrawn: [],
} as const satisfies Record<WmoStatus, readonly WmoCommand[]>;

export const PauseReason = { ClientRequest: 'client_request', InformationMissing: 'information_missing' } as const;
export type PauseReason = (typeof PauseReason)[keyof typeof PauseReason];
export const DecisionOutcome = ['granted', 'partly_granted', 'refused'] as const;
export const ObjectionOutcome = ['founded', 'partly_founded', 'unfounded', 'inadmissible'] as const;

/** One recorded action. `on` is the legal date it happened (Europe/Amsterdam), which may precede the day it was recorded. */
export type WmoAction = {
  type: WmoCommand;
  on: IsoDate;
  assignedUserId?: string | null;
  reason?: string | null;
  /** extendDecisionTerm: the date the decision is now promised by (in the dated notice). */
  until?: IsoDate | null;
  outcome?: string | null;
  /** receiveObjection: an advisory committee hears it (Awb 7:13), so twelve weeks instead of six. */
  committee?: boolean | null;
};

type Phase = 'assessment' | 'decision';
export type WmoState = {
  law: Law;
  status: WmoStatus;
  notifiedOn: IsoDate;
  assigneeId: string | null;
  urgentProvisionOn: IsoDate | null;
  reportOn: IsoDate | null;
  applicationOn: IsoDate | null;
  decision: { on: IsoDate; outcome: string } | null;
  decisionExtension: { on: IsoDate; until: IsoDate; reason: string } | null;
  objection: { on: IsoDate; committee: boolean } | null;
  objectionExtension: { on: IsoDate; reason: string } | null;
  objectionDecision: { on: IsoDate; outcome: string } | null;
  withdrawnOn: IsoDate | null;
  pauses: (Pause & { phase: Phase })[];
};

const nextStatus: Partial<Record<WmoCommand, WmoStatus>> = {
  startAssessment: 'assessing', recordReport: 'reported', receiveApplication: 'applied', decide: 'decided',
  withdraw: 'withdrawn', receiveObjection: 'objected', decideObjection: 'objection_decided',
};

/** The fold: the melding's state after its actions, in the order they were recorded. */
export function stateOf(notifiedOn: IsoDate, actions: readonly WmoAction[], law: Law = 'wmo'): WmoState {
  const s: WmoState = {
    law, status: 'notified', notifiedOn, assigneeId: null, urgentProvisionOn: null, reportOn: null, applicationOn: null, decision: null,
    decisionExtension: null, objection: null, objectionExtension: null, objectionDecision: null, withdrawnOn: null, pauses: [],
  };
  for (const a of actions) {
    const open = s.pauses.find((p) => p.until === null);
    switch (a.type) {
      case 'assign': s.assigneeId = a.assignedUserId ?? null; break;
      case 'grantUrgentProvision': s.urgentProvisionOn = a.on; break;
      case 'pauseClock': s.pauses.push({ phase: s.status === 'applied' ? 'decision' : 'assessment', from: a.on, until: null, reason: a.reason ?? undefined }); break;
      case 'resumeClock': if (open) open.until = a.on; break;
      case 'recordReport': s.reportOn = a.on; break;
      case 'receiveApplication': s.applicationOn = a.on; break;
      case 'extendDecisionTerm': s.decisionExtension = { on: a.on, until: a.until!, reason: a.reason ?? '' }; break;
      case 'decide': s.decision = { on: a.on, outcome: a.outcome ?? '' }; break;
      case 'withdraw': s.withdrawnOn = a.on; if (open) open.until = a.on; break;
      case 'receiveObjection': s.objection = { on: a.on, committee: a.committee ?? false }; break;
      case 'extendObjectionTerm': s.objectionExtension = { on: a.on, reason: a.reason ?? '' }; break;
      case 'decideObjection': s.objectionDecision = { on: a.on, outcome: a.outcome ?? '' }; break;
    }
    s.status = nextStatus[a.type] ?? s.status;
  }
  return s;
}

export const statusOf = (notifiedOn: IsoDate, actions: readonly WmoAction[], law: Law = 'wmo') => stateOf(notifiedOn, actions, law).status;
export const isPaused = (s: WmoState) => s.pauses.some((p) => p.until === null);

/** Norm codes (legal_norms) of the Wmo clocks. */
export const WmoNorm = {
  Assessment: 'wmo_assessment', Decision: 'wmo_decision', ObjectionTerm: 'objection_term', ObjectionDecision: 'objection_decision',
  ObjectionDecisionCommittee: 'objection_decision_committee', ObjectionExtension: 'objection_extension',
  /** Jeugdwet: Awb 4:13 lid 2, eight weeks (the Jeugdwet sets no term of its own). */
  YouthDecision: 'youth_decision',
  /** Jeugdwet: no statutory onderzoek term; a municipality's own norm, only when configured (none is seeded). */
  YouthAssessment: 'youth_assessment',
} as const;

const hasNorm = (calendar: LegalCalendar, code: string, on: IsoDate) =>
  calendar.norms.some((n) => n.code === code && n.validFrom <= on && (n.validTo === null || on <= n.validTo));

/** The norm of the onderzoek's clock under this law on that day, or null when there is none (Jeugdwet without an own norm). */
export function assessmentNorm(calendar: LegalCalendar, law: Law, notifiedOn: IsoDate): string | null {
  if (law === 'wmo') return WmoNorm.Assessment;
  return hasNorm(calendar, WmoNorm.YouthAssessment, notifiedOn) ? WmoNorm.YouthAssessment : null;
}

/** The norm of the decision's clock under this law. */
export const decisionNorm = (law: Law) => (law === 'jeugdwet' ? WmoNorm.YouthDecision : WmoNorm.Decision);

/**
 * Wmo 2015 art. 2.3.2 lid 1: the onderzoek is finished "uiterlijk binnen zes weken" after the
 * melding (norm `wmo_assessment`), moved by the Atw when it ends on a rest day; without pauses.
 */
export function assessmentDeadline(calendar: LegalCalendar, notifiedOn: IsoDate, law: Law = 'wmo'): IsoDate | null {
  const norm = assessmentNorm(calendar, law, notifiedOn);
  return norm ? termOf(calendar, norm, notifiedOn).dueOn! : null;
}

export type WmoClock = {
  kind: 'assessment' | 'decision' | 'objectionTerm' | 'objectionDecision';
  startedOn: IsoDate;
  /** The last day, after pauses, extension and the Atw; null while paused. */
  dueOn: IsoDate | null;
  /** The day the Atw moved the end from (it fell on a Saturday, Sunday or holiday), else null. */
  movedFrom: IsoDate | null;
  pausedSince: IsoDate | null;
  suspendedDays: number;
  extended: boolean;
  /** The day the clock stopped (the step it waits for was taken, or the melding was withdrawn); null while it runs. */
  stoppedOn: IsoDate | null;
  /** Stopped after the due date, or still running past it on `today`. */
  late: boolean;
  /** While running and not paused: days until the due date on `today` (0 on the last day, negative when late). */
  daysLeft: number | null;
};

const pausesOf = (s: WmoState, phase: Phase) => s.pauses.filter((p) => p.phase === phase);

function clock(kind: WmoClock['kind'], startedOn: IsoDate, end: { dueOn: IsoDate | null; movedFrom: IsoDate | null; pausedSince: IsoDate | null; suspendedDays: number },
  stoppedOn: IsoDate | null, today: IsoDate, extended = false): WmoClock {
  const lateOn = stoppedOn ?? today;
  return { kind, startedOn, dueOn: end.dueOn, movedFrom: end.movedFrom, pausedSince: end.pausedSince, suspendedDays: end.suspendedDays, extended, stoppedOn,
    late: end.dueOn !== null && lateOn > end.dueOn, daysLeft: stoppedOn === null && end.dueOn !== null ? daysBetween(today, end.dueOn) : null };
}

/**
 * The clocks of a melding on `today`:
 * - onderzoek: Wmo 2015 art. 2.3.2 lid 1, six weeks from the melding (norm wmo_assessment); stops at the verslag
 *   (or an aanvraag made because the six weeks passed);
 * - beschikking: Wmo 2015 art. 2.3.5 lid 1, two weeks from the aanvraag (wmo_decision); once extended (Awb 4:14)
 *   it runs to the date promised in the notice; Jeugdwet: eight weeks (Awb 4:13, youth_decision), and no onderzoek clock
 *   unless a municipal norm youth_assessment is configured;
 * - bezwaartermijn: Awb 6:7, six weeks from the decision (objection_term); an objection after it is late (Awb 6:11);
 * - beslissing op bezwaar: Awb 7:10, six weeks (twelve with an advisory committee) from the end of the objection
 *   term, plus at most six weeks when postponed (objection_extension).
 * Pauses (Awb 4:15) extend the clock of the phase they fell in. Every end follows the Atw.
 */
export function clocksOf(s: WmoState, calendar: LegalCalendar, today: IsoDate): WmoClock[] {
  const clocks: WmoClock[] = [];
  const assessmentStop = s.reportOn ?? s.applicationOn ?? s.withdrawnOn;
  // Jeugdwet: no onderzoek clock unless the municipality configured its own norm.
  const assessment = assessmentNorm(calendar, s.law, s.notifiedOn);
  if (assessment) clocks.push(clock('assessment', s.notifiedOn, termOf(calendar, assessment, s.notifiedOn, pausesOf(s, 'assessment')), assessmentStop, today));
  if (s.applicationOn) {
    const base = termOf(calendar, decisionNorm(s.law), s.applicationOn, pausesOf(s, 'decision'));
    const end = s.decisionExtension && base.dueOn !== null
      ? { ...termEnd(s.decisionExtension.until, { amount: 0, unit: 'days' }, { extraHolidays: calendar.extraHolidays }), suspendedDays: base.suspendedDays }
      : base;
    clocks.push(clock('decision', s.applicationOn, end, s.decision?.on ?? (s.status === 'withdrawn' ? s.withdrawnOn : null), today, s.decisionExtension !== null));
  }
  if (s.decision) {
    const term = termOf(calendar, WmoNorm.ObjectionTerm, s.decision.on);
    clocks.push(clock('objectionTerm', s.decision.on, term, s.objection?.on ?? null, today));
    if (s.objection) {
      // Awb 7:10 lid 1: counted from the day after the objection term ended (for a late objection: from its receipt).
      const start = [term.dueOn!, s.objection.on].sort()[1]!;
      const decision = termOf(calendar, s.objection.committee ? WmoNorm.ObjectionDecisionCommittee : WmoNorm.ObjectionDecision, start);
      const end = s.objectionExtension ? termOf(calendar, WmoNorm.ObjectionExtension, decision.dueOn!) : decision;
      clocks.push(clock('objectionDecision', start, end, s.objectionDecision?.on ?? null, today, s.objectionExtension !== null));
    }
  }
  return clocks;
}

/** The clock that runs now (the one the inbox shows), or null when none does. */
export const runningClock = (clocks: readonly WmoClock[]) => clocks.find((c) => c.stoppedOn === null && c.kind !== 'objectionTerm') ?? null;

/**
 * What may happen next, on `today`: the table, narrowed by the guards. While a clock is paused,
 * only resuming it, assigning and withdrawing; spoed and each extension once; an aanvraag before
 * the verslag only once the onderzoek's six weeks have passed (Wmo 2015 art. 2.3.2 lid 9). The
 * Jeugdwet has no such rule: there an aanvraag may come at any time.
 */
export function allowedCommands(s: WmoState, calendar: LegalCalendar, today: IsoDate): WmoCommand[] {
  const paused = isPaused(s);
  return (allowedNext[s.status] as readonly WmoCommand[]).filter((c) => {
    if (paused) return c === 'resumeClock' || c === 'assign' || c === 'withdraw';
    if (c === 'resumeClock') return false;
    if (c === 'grantUrgentProvision') return s.urgentProvisionOn === null;
    if (c === 'extendDecisionTerm') return s.decisionExtension === null;
    if (c === 'extendObjectionTerm') return s.objectionExtension === null;
    if (c === 'receiveApplication' && s.status !== 'reported' && s.law === 'wmo') {
      const due = clocksOf(s, calendar, today)[0]!.dueOn;
      return due !== null && today > due;
    }
    return true;
  });
}

/** The 409 message: names the current status and what is allowed. */
export function notAllowedMessage(status: WmoStatus, command: WmoCommand, allowed: readonly WmoCommand[]): string {
  return `Melding heeft status '${status}'; '${command}' kan niet (toegestaan: ${allowed.join(', ') || 'niets'}) / `
    + `Melding is in status '${status}'; allowed: ${allowed.join(', ') || 'none'}`;
}

export type Refusal = { code: string; message: string; field?: string };

/**
 * Checks of a command's own content against the state (after allowedCommands said yes): dates in
 * order, an extension before the term ends and promising a later day. Null when fine.
 */
export function refusalOf(s: WmoState, a: WmoAction, calendar: LegalCalendar, today: IsoDate): Refusal | null {
  if (a.on > today) return { code: 'date_in_future', field: 'on', message: 'Deze datum ligt in de toekomst / This date is in the future' };
  if (a.on < s.notifiedOn) return { code: 'date_before_notification', field: 'on', message: 'Deze datum ligt vóór de melding / This date is before the melding' };
  if (a.type === 'resumeClock') {
    const open = s.pauses.find((p) => p.until === null)!;
    if (a.on < open.from) return { code: 'date_before_pause', field: 'on', message: 'De klok loopt niet weer vóór de pauze begon / The clock cannot resume before the pause began' };
  }
  if (a.type === 'decide' && s.applicationOn && a.on < s.applicationOn) {
    return { code: 'date_before_application', field: 'on', message: 'De beschikking ligt vóór de aanvraag / The decision is dated before the application' };
  }
  if (a.type === 'extendDecisionTerm') {
    const due = clocksOf(s, calendar, today).find((c) => c.kind === 'decision')!.dueOn!;
    // Awb 4:14 lid 1 and 3: the notice is sent before the term ends and names a reasonable later date.
    if (a.on > due) return { code: 'term_expired', field: 'on', message: `De beslistermijn liep af op ${due}; verdagen kan alleen daarvóór / The decision term ended on ${due}; extend before it ends` };
    if (!a.until || a.until <= due) return { code: 'extension_not_later', field: 'until', message: `Noem een datum na ${due} / Name a date after ${due}` };
  }
  if (a.type === 'extendObjectionTerm') {
    const due = clocksOf(s, calendar, today).find((c) => c.kind === 'objectionDecision')!.dueOn!;
    if (a.on > due) return { code: 'term_expired', field: 'on', message: `De beslistermijn op bezwaar liep af op ${due} / The objection decision term ended on ${due}` };
  }
  return null;
}
