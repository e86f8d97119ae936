/**
 * A referral (verwijzing, aanmelding) in a neighbourhood team's inbox, as a list of actions.
 * The status is a fold over the actions; what may happen next is a table. Pure: server and UI share it.
 *
 *   open ── accept (assign a professional) ──> accepted ── start ──> in_progress ── close ──> closed
 *     └──── return (with reason) ──> returned                 └────────── close ──────────────┘
 *
 * Triage (open, accepted): setLifeDomains names the life domains a referral sent as free text only
 * lacks (a GP's short form, issue 14 item 17); it changes no status.
 */
export const ReferralStatus = { Open: 'open', Accepted: 'accepted', Returned: 'returned', InProgress: 'in_progress', Closed: 'closed' } as const;
export type ReferralStatus = (typeof ReferralStatus)[keyof typeof ReferralStatus];

export const ReferralActionType = {
  Created: 'created', Accepted: 'accepted', Returned: 'returned', Started: 'started', Closed: 'closed', LifeDomainsSet: 'life_domains_set',
} as const;
export type ReferralActionType = (typeof ReferralActionType)[keyof typeof ReferralActionType];

/** The commands a professional can give, and the action each one appends. */
export const ReferralCommand = { Accept: 'accept', Return: 'return', Start: 'start', Close: 'close', SetLifeDomains: 'setLifeDomains' } as const;
export type ReferralCommand = (typeof ReferralCommand)[keyof typeof ReferralCommand];
export const actionOfCommand = {
  accept: 'accepted', return: 'returned', start: 'started', close: 'closed', setLifeDomains: 'life_domains_set',
} as const satisfies Record<ReferralCommand, ReferralActionType>;

export const allowedNext = {
  open: ['accept', 'return', 'setLifeDomains'],
  accepted: ['start', 'close', 'setLifeDomains'],
  returned: [],
  in_progress: ['close'],
  closed: [],
} as const satisfies Record<ReferralStatus, readonly ReferralCommand[]>;

export const SOURCES = ['desk', 'gp', 'partner', 'citizen'] as const;
export type ReferralSource = (typeof SOURCES)[number];

export type ReferralAction = {
  type: ReferralActionType; at: string; assignedUserId?: string | null; reason?: string | null; outcome?: string | null; lifeDomains?: string[] | null;
};

/** The status after each action; null: the action changes no status (triage). */
const statusAfter: Record<ReferralActionType, ReferralStatus | null> = {
  created: 'open', accepted: 'accepted', returned: 'returned', started: 'in_progress', closed: 'closed', life_domains_set: null,
};

/** Whether an action moves the referral (and so the GP's Task) to another status. */
export const changesStatus = (type: ReferralActionType) => statusAfter[type] !== null;

export function statusOf(actions: readonly ReferralAction[]): ReferralStatus {
  return actions.reduce<ReferralStatus>((status, a) => statusAfter[a.type] ?? status, ReferralStatus.Open);
}

/** The professional who accepted the referral (the last accept), if any. */
export function assigneeOf(actions: readonly ReferralAction[]): string | null {
  return [...actions].reverse().find((a) => a.type === 'accepted')?.assignedUserId ?? null;
}

export function isAllowed(status: ReferralStatus, command: ReferralCommand): boolean {
  return (allowedNext[status] as readonly ReferralCommand[]).includes(command);
}

/** The 409 message: names the current status and what is allowed. */
export function notAllowedMessage(status: ReferralStatus, command: ReferralCommand): string {
  const allowed = allowedNext[status];
  return `Verwijzing heeft status '${status}'; '${command}' kan niet (toegestaan: ${allowed.join(', ') || 'niets'}) / `
    + `Referral is in status '${status}'; allowed: ${allowed.join(', ') || 'none'}`;
}
