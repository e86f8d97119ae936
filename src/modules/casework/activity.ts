/**
 * What a professional logs on a trajectory (the activity log): home visits, calls, meetings and
 * network meetings, each with the minutes it took. Pure constants; the UI imports them for its form.
 * Not the front door's contacts: those are the intake module's and count in the council's figures.
 */
export const ActivityKind = {
  /** Huisbezoek. */
  HomeVisit: 'home_visit',
  /** Telefoongesprek. */
  Call: 'call',
  /** Gesprek (op kantoor, op locatie). */
  Meeting: 'meeting',
  /** Netwerkoverleg: with partners around the household (GP, school, provider). */
  NetworkMeeting: 'network_meeting',
} as const;
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind];
export const ACTIVITY_KINDS = Object.values(ActivityKind) as [ActivityKind, ...ActivityKind[]];

/** The most one entry may take (a long day); more is a typing error, not work. */
export const MAX_ACTIVITY_MINUTES = 720;
