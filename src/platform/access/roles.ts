/** Staff roles. A user may hold several. */
export const Role = {
  DeskWorker: 'desk_worker',
  TeamWorker: 'team_worker',
  WmoAdviser: 'wmo_adviser',
  TeamLead: 'team_lead',
  PolicyAnalyst: 'policy_analyst',
  /** Manager of desks and teams: figures and reports (aggregates), no client data. */
  Manager: 'manager',
  Finance: 'finance',
  Admin: 'admin',
  PrivacyOfficer: 'privacy_officer',
  /** Aandachtsfunctionaris huiselijk geweld en kindermishandeling: on the case of every sealed safety record (src/modules/safety). */
  SafetyOfficer: 'safety_officer',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ALL_ROLES = Object.values(Role) as Role[];

/** Roles that work with individual clients; others see aggregates or logs only. */
export const CLIENT_ROLES: readonly Role[] = [Role.DeskWorker, Role.TeamWorker, Role.WmoAdviser, Role.TeamLead];

/** Roles that must use two-factor login when WEGWIJS_REQUIRE_MFA is on. */
export const MFA_ROLES: readonly Role[] = [Role.Admin, Role.PrivacyOfficer, Role.SafetyOfficer];

/** Roles whose work is a neighbourhood team's caseload: a user with one of them belongs to at least one neighbourhood team (else they see no client and get no referral). */
export const NEIGHBOURHOOD_TEAM_ROLES: readonly Role[] = [Role.TeamWorker, Role.TeamLead];
