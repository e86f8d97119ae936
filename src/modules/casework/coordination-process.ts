/**
 * Casusregie on a trajectory (DOMAIN §3.3: "casusregie stays with the wijkteam when 2nd-line care is
 * involved"; op- en afschalen with a warm hand-over). Pure (no I/O): the server and the UI share it.
 *
 * An onward referral (doorverwijzing) is a list of actions with a fold and an allowed-next table:
 *
 *   requested ── start ──> active ── end ──> ended
 *   requested ── end ──> ended        (not taken up: declined, no place, the client did not go)
 *
 * A hand-over (overdracht) is one record each way: `escalate` (opschalen) to Veilig Thuis or a
 * specialised team, `step_down` (afschalen) back to the neighbourhood team. Per party at most one
 * escalation is open; a step-down closes it.
 */

export type IsoDate = string;

export const OnwardReferralKind = {
  /** To 2nd-line care: a provider or organisation (GGZ, verslavingszorg, specialistische jeugdhulp). */
  SecondLine: 'second_line',
  /** To an indication: a Wmo or Jeugdwet melding, made through the wmo module and linked. */
  Indication: 'indication',
} as const;
export type OnwardReferralKind = (typeof OnwardReferralKind)[keyof typeof OnwardReferralKind];
export const ONWARD_REFERRAL_KINDS = Object.values(OnwardReferralKind) as [OnwardReferralKind, ...OnwardReferralKind[]];

export const OnwardReferralStatus = { Requested: 'requested', Active: 'active', Ended: 'ended' } as const;
export type OnwardReferralStatus = (typeof OnwardReferralStatus)[keyof typeof OnwardReferralStatus];
export const ONWARD_REFERRAL_STATUSES = Object.values(OnwardReferralStatus) as [OnwardReferralStatus, ...OnwardReferralStatus[]];

export const OnwardReferralActionType = { Requested: 'requested', Started: 'started', Ended: 'ended' } as const;
export type OnwardReferralActionType = (typeof OnwardReferralActionType)[keyof typeof OnwardReferralActionType];
export const ONWARD_REFERRAL_ACTION_TYPES = Object.values(OnwardReferralActionType) as [OnwardReferralActionType, ...OnwardReferralActionType[]];

/** What a professional records on an onward referral after asking for it. */
export const OnwardReferralCommand = {
  /** The care (or the indicated support) has started. */
  Start: 'start',
  /** It ended, or was not taken up (with a note why). */
  End: 'end',
} as const;
export type OnwardReferralCommand = (typeof OnwardReferralCommand)[keyof typeof OnwardReferralCommand];
export const ONWARD_REFERRAL_COMMANDS = Object.values(OnwardReferralCommand) as [OnwardReferralCommand, ...OnwardReferralCommand[]];

export const onwardActionOfCommand = { start: 'started', end: 'ended' } as const satisfies Record<OnwardReferralCommand, OnwardReferralActionType>;

export const onwardAllowedNext = {
  requested: ['start', 'end'],
  active: ['end'],
  ended: [],
} as const satisfies Record<OnwardReferralStatus, readonly OnwardReferralCommand[]>;

const statusAfter: Record<OnwardReferralActionType, OnwardReferralStatus> = { requested: 'requested', started: 'active', ended: 'ended' };

export function onwardStatusOf(actions: readonly { type: OnwardReferralActionType }[]): OnwardReferralStatus {
  return actions.reduce<OnwardReferralStatus>((_, a) => statusAfter[a.type], OnwardReferralStatus.Requested);
}

export function isOnwardAllowed(status: OnwardReferralStatus, command: OnwardReferralCommand): boolean {
  return (onwardAllowedNext[status] as readonly OnwardReferralCommand[]).includes(command);
}

/** The 409 message: names the current status and what is allowed. */
export function onwardNotAllowedMessage(status: OnwardReferralStatus, command: OnwardReferralCommand): string {
  const allowed = onwardAllowedNext[status];
  return `Doorverwijzing heeft status '${status}'; '${command}' kan niet (toegestaan: ${allowed.join(', ') || 'niets'}) / `
    + `Onward referral is in status '${status}'; allowed: ${allowed.join(', ') || 'none'}`;
}

export const HandoverDirection = {
  /** Opschalen: the case (or part of it) goes to Veilig Thuis or a specialised team. */
  Escalate: 'escalate',
  /** Afschalen: it comes back to the neighbourhood team. */
  StepDown: 'step_down',
} as const;
export type HandoverDirection = (typeof HandoverDirection)[keyof typeof HandoverDirection];
export const HANDOVER_DIRECTIONS = Object.values(HandoverDirection) as [HandoverDirection, ...HandoverDirection[]];

export const HandoverParty = {
  /** Veilig Thuis: advies- en meldpunt huiselijk geweld en kindermishandeling. */
  VeiligThuis: 'veilig_thuis',
  /** A specialised team (e.g. the city's multiproblem team, specialistische jeugdhulp). */
  SpecialisedTeam: 'specialised_team',
} as const;
export type HandoverParty = (typeof HandoverParty)[keyof typeof HandoverParty];
export const HANDOVER_PARTIES = Object.values(HandoverParty) as [HandoverParty, ...HandoverParty[]];

export type Handover = { direction: HandoverDirection; party: HandoverParty; confirmedOn: IsoDate };

/** The parties the case is escalated to now (an escalation not yet stepped down), in the order they were escalated to. */
export function escalatedTo(handovers: readonly Handover[]): HandoverParty[] {
  const open: HandoverParty[] = [];
  for (const h of handovers) {
    const i = open.indexOf(h.party);
    if (h.direction === 'escalate' && i < 0) open.push(h.party);
    if (h.direction === 'step_down' && i >= 0) open.splice(i, 1);
  }
  return open;
}

/** The hand-overs the case allows now: escalate to a party it is not with, step down from one it is with. */
export function allowedHandovers(handovers: readonly Handover[]): { direction: HandoverDirection; party: HandoverParty }[] {
  const open = escalatedTo(handovers);
  return HANDOVER_PARTIES.map((party) => ({ direction: open.includes(party) ? HandoverDirection.StepDown : HandoverDirection.Escalate, party }));
}

/** Why this hand-over cannot be recorded now, or null (the 409's code and message). */
export function handoverRefusal(handovers: readonly Handover[], next: Handover): { code: string; message: string } | null {
  const open = escalatedTo(handovers);
  if (next.direction === 'escalate' && open.includes(next.party)) {
    return { code: 'handover_already_escalated', message: `De casus is al opgeschaald naar ${next.party}; schaal eerst af / The case is already escalated to ${next.party}; step down first` };
  }
  if (next.direction === 'step_down' && !open.includes(next.party)) {
    return { code: 'handover_not_escalated', message: `De casus is niet opgeschaald naar ${next.party}; afschalen kan niet / The case is not escalated to ${next.party}; there is nothing to step down from` };
  }
  const prev = handovers.at(-1);
  if (prev && next.confirmedOn < prev.confirmedOn) {
    return { code: 'date_before_previous_handover', message: `De datum ligt vóór de vorige overdracht (${prev.confirmedOn}) / The date is before the previous hand-over (${prev.confirmedOn})` };
  }
  return null;
}
