/**
 * The meldcode huiselijk geweld en kindermishandeling (Wet verplichte meldcode, 2013; afwegingskader
 * 2019) as a list of actions (DOMAIN §3.4). The status is a fold over the actions; what may happen next
 * is a table; each step is dated with the professional who took it. Pure (no I/O): server and UI share it.
 *
 *   mapping_signals ─ mapSignals ─> consulting ─ consult ─> talking ─ talk ─> weighing ─ weigh ─> deciding
 *   deciding ─ decide(organise_help) ─> helping ─ report ─> reported    (the help does not bring safety)
 *            ─ decide(report) ───────> reporting ─ report ─> reported ─ agreeFollowUp … ─ close ─> closed
 *            ─ decide(close) ────────> closed                              helping ─ close ─> closed
 *   Acute danger: decide(report) from any step before deciding, with the reason.
 */

export type IsoDate = string;

export const SafetyProtocolStatus = {
  /** Stap 1: signalen in kaart brengen. */
  MappingSignals: 'mapping_signals',
  /** Stap 2: collegiale consultatie en zo nodig raadplegen van Veilig Thuis (ook anoniem). */
  Consulting: 'consulting',
  /** Stap 3: gesprek met de betrokkenen. */
  Talking: 'talking',
  /** Stap 4: wegen aan de hand van het afwegingskader. */
  Weighing: 'weighing',
  /** Stap 5: beslissen. */
  Deciding: 'deciding',
  /** Besloten: hulp organiseren (en volgen of die de veiligheid brengt). */
  Helping: 'helping',
  /** Besloten: melden bij Veilig Thuis; de melding is nog niet vastgelegd. */
  Reporting: 'reporting',
  /** Gemeld bij Veilig Thuis; vervolgafspraken met Veilig Thuis. */
  Reported: 'reported',
  Closed: 'closed',
} as const;
export type SafetyProtocolStatus = (typeof SafetyProtocolStatus)[keyof typeof SafetyProtocolStatus];
export const SAFETY_PROTOCOL_STATUSES = Object.values(SafetyProtocolStatus);

export const SafetyProtocolActionType = {
  /** The safety signal (contact outcome 6) opened the record. */
  Opened: 'opened',
  SignalsMapped: 'signals_mapped',
  Consulted: 'consulted',
  ConversationHeld: 'conversation_held',
  Weighed: 'weighed',
  Decided: 'decided',
  /** De melding aan Veilig Thuis: when, by whom, what was reported. */
  Reported: 'reported',
  /** A follow-up date agreed with Veilig Thuis. */
  FollowUpAgreed: 'follow_up_agreed',
  Closed: 'closed',
} as const;
export type SafetyProtocolActionType = (typeof SafetyProtocolActionType)[keyof typeof SafetyProtocolActionType];

export const SafetyProtocolCommand = {
  MapSignals: 'mapSignals', Consult: 'consult', Talk: 'talk', Weigh: 'weigh', Decide: 'decide', Report: 'report',
  AgreeFollowUp: 'agreeFollowUp', Close: 'close',
} as const;
export type SafetyProtocolCommand = (typeof SafetyProtocolCommand)[keyof typeof SafetyProtocolCommand];
export const SAFETY_PROTOCOL_COMMANDS = Object.values(SafetyProtocolCommand);

export const actionOfCommand = {
  mapSignals: 'signals_mapped', consult: 'consulted', talk: 'conversation_held', weigh: 'weighed', decide: 'decided',
  report: 'reported', agreeFollowUp: 'follow_up_agreed', close: 'closed',
} as const satisfies Record<SafetyProtocolCommand, SafetyProtocolActionType>;

/** What may happen next. A colleague can be consulted again until the decision; the weighing can be redone before it. */
export const allowedNext = {
  mapping_signals: ['mapSignals', 'decide'],
  consulting: ['consult', 'decide'],
  talking: ['consult', 'talk', 'decide'],
  weighing: ['consult', 'weigh', 'decide'],
  deciding: ['consult', 'weigh', 'decide'],
  helping: ['report', 'close'],
  reporting: ['report'],
  reported: ['agreeFollowUp', 'close'],
  closed: [],
} as const satisfies Record<SafetyProtocolStatus, readonly SafetyProtocolCommand[]>;

/** Stap 5: the decision. */
export const Decision = { OrganiseHelp: 'organise_help', Report: 'report', Close: 'close' } as const;
export type Decision = (typeof Decision)[keyof typeof Decision];
export const DECISIONS = Object.values(Decision);

/** Who was consulted in step 2. */
export const ConsultedParty = { Colleague: 'colleague', SafetyOfficer: 'safety_officer', VeiligThuis: 'veilig_thuis' } as const;
export type ConsultedParty = (typeof ConsultedParty)[keyof typeof ConsultedParty];
export const CONSULTED_PARTIES = Object.values(ConsultedParty);

/**
 * The five questions of the afwegingskader (2019). A later question is answered only when the
 * earlier ones leave it open: no suspicion ends the weighing, acute or structural unsafety means report.
 */
export type SafetyAssessment = {
  /** 1. Is er een vermoeden van huiselijk geweld of kindermishandeling? */
  suspicion: boolean;
  /** 2. Is er sprake van acute en/of structurele onveiligheid? ja → melden */
  acuteOrStructuralUnsafety?: boolean | null;
  /** 3. Kan ik effectieve hulp bieden of organiseren? nee → melden */
  canOrganiseHelp?: boolean | null;
  /** 4. Aanvaarden de betrokkenen de hulp? nee → melden */
  helpAccepted?: boolean | null;
  /** 5. Leidt de hulp binnen de afgesproken tijd tot de nodige veiligheid? nee → melden (may be answered later) */
  helpReachesSafety?: boolean | null;
};

/** What the afwegingskader advises, or which question still needs an answer. */
export function assessmentAdvice(w: SafetyAssessment): { advice: Decision } | { missing: keyof SafetyAssessment } {
  if (!w.suspicion) return { advice: 'close' };
  if (w.acuteOrStructuralUnsafety == null) return { missing: 'acuteOrStructuralUnsafety' };
  if (w.acuteOrStructuralUnsafety) return { advice: 'report' };
  if (w.canOrganiseHelp == null) return { missing: 'canOrganiseHelp' };
  if (!w.canOrganiseHelp) return { advice: 'report' };
  if (w.helpAccepted == null) return { missing: 'helpAccepted' };
  if (!w.helpAccepted) return { advice: 'report' };
  if (w.helpReachesSafety === false) return { advice: 'report' };
  return { advice: 'organise_help' };
}

export type SafetyProtocolAction = {
  type: SafetyProtocolActionType;
  /** The day it happened as the professional states it. */
  on: IsoDate;
  actorUserId?: string | null;
  /** signals_mapped, consulted, conversation_held, reported, follow_up_agreed, closed: what happened, in words. */
  note?: string | null;
  /** consulted */
  party?: ConsultedParty | null;
  anonymous?: boolean | null;
  /** conversation_held: false when the conversation was not held (it would endanger someone), with the reason in note. */
  held?: boolean | null;
  /** weighed */
  assessment?: SafetyAssessment | null;
  /** decided */
  decision?: Decision | null;
  /** follow_up_agreed: the date agreed with Veilig Thuis. */
  followUpOn?: IsoDate | null;
};

const statusAfter: Record<SafetyProtocolActionType, SafetyProtocolStatus | null> = {
  opened: 'mapping_signals', signals_mapped: 'consulting', consulted: null, conversation_held: 'weighing', weighed: 'deciding',
  decided: null, reported: 'reported', follow_up_agreed: null, closed: 'closed',
};

const afterDecision = { organise_help: 'helping', report: 'reporting', close: 'closed' } as const satisfies Record<Decision, SafetyProtocolStatus>;

export function statusOf(actions: readonly SafetyProtocolAction[]): SafetyProtocolStatus {
  return actions.reduce<SafetyProtocolStatus>((s, a) => {
    if (a.type === 'decided' && a.decision) return afterDecision[a.decision];
    // Step 2 done moves on to step 3 once; consulting again later keeps the step the record is in.
    if (a.type === 'consulted') return s === 'consulting' ? 'talking' : s;
    return statusAfter[a.type] ?? s;
  }, SafetyProtocolStatus.MappingSignals);
}

export function isAllowed(status: SafetyProtocolStatus, command: SafetyProtocolCommand): boolean {
  return (allowedNext[status] as readonly SafetyProtocolCommand[]).includes(command);
}

/** The 409 message: names the current status and what is allowed. */
export function notAllowedMessage(status: SafetyProtocolStatus, command: SafetyProtocolCommand): string {
  const allowed = allowedNext[status];
  return `Meldcode staat op '${status}'; '${command}' kan niet (toegestaan: ${allowed.join(', ') || 'niets'}) / `
    + `Reporting code is in status '${status}'; allowed: ${allowed.join(', ') || 'none'}`;
}

/** The last weighing (step 4), if any. */
export const lastAssessment = (actions: readonly SafetyProtocolAction[]): SafetyAssessment | null =>
  actions.findLast((a) => a.type === 'weighed')?.assessment ?? null;

/**
 * Why a command that the status table allows still cannot be given, or null: dates in order, the
 * weighing complete, and a decision the afwegingskader supports (reporting is always allowed).
 */
export function refusalOf(actions: readonly SafetyProtocolAction[], command: SafetyProtocolCommand, today: IsoDate,
  input: Partial<Omit<SafetyProtocolAction, 'type' | 'actorUserId'>>): { code: string; message: string } | null {
  const on = input.on ?? today;
  if (on > today) return { code: 'date_in_future', message: 'Deze datum ligt in de toekomst / This date is in the future' };
  const prev = actions.at(-1);
  if (prev && on < prev.on) {
    return { code: 'date_before_previous_step', message: `De datum ligt vóór de vorige stap (${prev.on}) / The date is before the previous step (${prev.on})` };
  }
  if (command === 'weigh' && input.assessment) {
    const w = assessmentAdvice(input.assessment);
    if ('missing' in w) return { code: 'assessment_incomplete', message: `Beantwoord ook de vraag '${w.missing}' van het afwegingskader / Answer '${w.missing}' too` };
  }
  if (command === 'decide' && input.decision) {
    const status = statusOf(actions);
    if (status !== 'deciding') {
      // Before the weighing only acute danger allows a decision: report at once, with the reason.
      if (input.decision !== 'report' || !input.note) {
        return { code: 'decision_before_assessment', message: 'Vóór de afweging kan alleen bij acuut gevaar worden besloten tot melden, met de reden / '
          + 'Before weighing, only an immediate report for acute danger, with the reason' };
      }
      return null;
    }
    const w = lastAssessment(actions);
    const advice = w ? assessmentAdvice(w) : null;
    if (input.decision !== 'report' && advice && 'advice' in advice && advice.advice !== input.decision) {
      return { code: 'decision_contradicts_assessment', message: `Het afwegingskader wijst op '${advice.advice}'; '${input.decision}' past daar niet bij (melden kan altijd) / `
        + `The weighing points to '${advice.advice}' (reporting is always allowed)` };
    }
  }
  if (command === 'agreeFollowUp' && input.followUpOn && input.followUpOn < on) {
    return { code: 'follow_up_in_past', message: 'De vervolgafspraak ligt vóór vandaag / The follow-up date is before the day it was agreed' };
  }
  return null;
}

/** The report to Veilig Thuis, if it was made. */
export const reportOf = (actions: readonly SafetyProtocolAction[]): SafetyProtocolAction | null => actions.find((a) => a.type === 'reported') ?? null;

/** Follow-up dates agreed with Veilig Thuis, in order. */
export const followUpsOf = (actions: readonly SafetyProtocolAction[]): IsoDate[] =>
  actions.flatMap((a) => (a.type === 'follow_up_agreed' && a.followUpOn ? [a.followUpOn] : [])).sort();

/** The meldcode step (1–5) a status belongs to; after the decision: 5. */
export const stepOf = (status: SafetyProtocolStatus): 1 | 2 | 3 | 4 | 5 =>
  status === 'mapping_signals' ? 1 : status === 'consulting' ? 2 : status === 'talking' ? 3 : status === 'weighing' ? 4 : 5;
