import { ALL_ROLES, CLIENT_ROLES, Role } from './roles.ts';

/**
 * Access rules as data: each action a route performs, and the roles that may perform it.
 * Every route names one of these in `config.permission` (or is marked `config.public`);
 * a route without either fails at start-up, and the access tests are generated from this table.
 * Client data is further limited per client by relation or break-the-glass (see client-access.ts).
 */
export const permissions = {
  /** Any logged-in staff user: own session, own preferences. */
  'session.self': ALL_ROLES,
  'org.read': ALL_ROLES,
  'org.write': [Role.Admin],
  'users.read': [Role.Admin],
  'users.write': [Role.Admin],
  'audit.read': [Role.Admin, Role.PrivacyOfficer],
  'audit.verify': [Role.Admin, Role.PrivacyOfficer],
  'break_glass.review': [Role.PrivacyOfficer],
  'jobs.read': [Role.Admin],
  'client.read': CLIENT_ROLES,
  'client.write': [Role.DeskWorker, Role.TeamWorker, Role.WmoAdviser],
  'client.break_glass': CLIENT_ROLES,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function isPermission(p: unknown): p is Permission {
  return typeof p === 'string' && Object.hasOwn(permissions, p);
}

export function rolesAllow(permission: Permission, roles: readonly string[]): boolean {
  const allowed: readonly string[] = permissions[permission];
  return roles.some((r) => allowed.includes(r));
}
