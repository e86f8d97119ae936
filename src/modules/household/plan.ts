/**
 * The household plan ("1 gezin, 1 plan, 1 regisseur", DOMAIN §3.3): goals per life domain, each
 * with what, who and by when, a status and progress notes; the plan is agreed with the client on a
 * date and in a way. Pure constants; the UI imports them for its forms.
 */
export const GoalStatus = {
  Open: 'open', InProgress: 'in_progress', Reached: 'reached', PartlyReached: 'partly_reached', NotReached: 'not_reached', Stopped: 'stopped',
} as const;
export type GoalStatus = (typeof GoalStatus)[keyof typeof GoalStatus];
export const GOAL_STATUSES = Object.values(GoalStatus) as [GoalStatus, ...GoalStatus[]];

/** How the plan was agreed with the client. */
export const AgreementWay = { Conversation: 'conversation', HomeVisit: 'home_visit', Phone: 'phone', Video: 'video', InWriting: 'in_writing' } as const;
export type AgreementWay = (typeof AgreementWay)[keyof typeof AgreementWay];
export const AGREEMENT_WAYS = Object.values(AgreementWay) as [AgreementWay, ...AgreementWay[]];

/** A member's place in the household. */
export const MemberRole = { Parent: 'parent', Partner: 'partner', Child: 'child', Other: 'other' } as const;
export type MemberRole = (typeof MemberRole)[keyof typeof MemberRole];
export const MEMBER_ROLES = Object.values(MemberRole) as [MemberRole, ...MemberRole[]];

/** Plain Dutch for the client's copy of the plan (the PDF): B1 level, no codes. */
export const goalStatusNl: Record<GoalStatus, string> = {
  open: 'nog niet begonnen', in_progress: 'we zijn ermee bezig', reached: 'gelukt', partly_reached: 'voor een deel gelukt',
  not_reached: 'niet gelukt', stopped: 'gestopt',
};
export const agreementWayNl: Record<AgreementWay, string> = {
  conversation: 'in een gesprek', home_visit: 'bij u thuis', phone: 'aan de telefoon', video: 'in een videogesprek', in_writing: 'op papier',
};
export const memberRoleNl: Record<MemberRole, string> = { parent: 'ouder', partner: 'partner', child: 'kind', other: 'gezinslid' };
