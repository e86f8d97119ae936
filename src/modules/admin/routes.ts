import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../../platform/access/roles.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import type { Queryable } from '../../platform/db.ts';

const RoleEnum = z.enum(ALL_ROLES as [string, ...string[]]);
export const User = z.object({
  id: z.uuid(), username: z.string(), displayName: z.string(), email: z.string().nullable(), active: z.boolean(),
  roles: z.array(z.string()), teamIds: z.array(z.uuid()), totpEnabled: z.boolean(), locked: z.boolean(),
  mustChangePassword: z.boolean(),
});
const UserInput = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{3,64}$/, 'use 3–64 lowercase letters, digits, dot, dash or underscore'),
  displayName: z.string().trim().min(2).max(120),
  email: z.email().nullable().optional(),
  password: z.string().max(200),
  roles: z.array(RoleEnum).min(1, 'choose at least one role'),
  teamIds: z.array(z.uuid()).default([]),
});
const UserUpdate = z.object({
  displayName: z.string().trim().min(2).max(120).optional(),
  email: z.email().nullable().optional(),
  roles: z.array(RoleEnum).min(1, 'choose at least one role').optional(),
  teamIds: z.array(z.uuid()).optional(),
  active: z.boolean().optional(),
  /** false: unlock an account locked after too many wrong passwords. */
  locked: z.literal(false).optional(),
});

export async function listUsers(q: Queryable, id?: string) {
  return q.query<z.infer<typeof User>>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.email, u.active, u.totp_enabled AS "totpEnabled",
       coalesce(u.locked_until > now(), false) AS locked, u.must_change_password AS "mustChangePassword",
       coalesce((SELECT array_agg(role ORDER BY role) FROM user_roles WHERE user_id = u.id), '{}') AS roles,
       coalesce((SELECT array_agg(team_id) FROM team_members WHERE user_id = u.id), '{}') AS "teamIds"
     FROM users u WHERE ($1::uuid IS NULL OR u.id = $1) ORDER BY u.display_name`, [id ?? null]);
}

async function setRolesAndTeams(tx: Queryable, userId: string, roles?: string[], teamIds?: string[]) {
  if (roles) {
    await tx.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
    for (const role of new Set(roles)) await tx.query('INSERT INTO user_roles (user_id, role) VALUES ($1,$2)', [userId, role]);
  }
  if (teamIds) {
    await tx.query('DELETE FROM team_members WHERE user_id = $1', [userId]);
    for (const t of new Set(teamIds)) await tx.query('INSERT INTO team_members (user_id, team_id) VALUES ($1,$2)', [userId, t]);
  }
}

const dbError = (e: unknown) => {
  const code = (e as { code?: string }).code;
  if (code === '23505') return conflict('Deze gebruikersnaam bestaat al / This username already exists', 'duplicate_username');
  if (code === '23503') return badRequest('Onbekend team / Unknown team', 'teamIds');
  return e;
};

type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
type BeforeAndAfter = { found: boolean; before?: UserRow; after?: UserRow };

/** Runs a change to one user and reads the user before and after it, in the same transaction, for the audit row. */
async function withBeforeAndAfter(tx: Parameters<typeof listUsers>[0], id: string, change: () => Promise<boolean>): Promise<BeforeAndAfter> {
  const [before] = await listUsers(tx, id);
  const found = await change();
  const [after] = await listUsers(tx, id);
  return { found, before, after };
}

/** The audit details of a user change: what was asked, and the rights before and after (never hashes or secrets). */
function userChangeDetails(userId: string, changed: string[], r: BeforeAndAfter) {
  const rights = (u?: UserRow) => u ? { roles: [...u.roles].sort(), teamIds: [...u.teamIds].sort(), active: u.active } : null;
  return { userId, changed, before: rights(r.before), after: rights(r.after) };
}

const sameSet = (a: readonly string[], b: readonly string[]) => [...new Set(a)].sort().join() === [...new Set(b)].sort().join();
const SELF_ADMINISTRATION = 'U kunt uw eigen rollen, teams of wachtwoord hier niet wijzigen; vraag een andere beheerder / You cannot change your own roles, teams or password here; ask another administrator';

export async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const IdParams = z.object({ id: z.uuid() });

  r.get('/api/v1/users', { config: { permission: 'users.read' }, schema: { tags, summary: 'Staff users', response: { 200: z.array(User) } } },
    async () => listUsers(app.db));

  r.post('/api/v1/users', { config: { permission: 'users.write' }, schema: { tags, summary: 'Create a user (must choose a new password at first login)', body: UserInput, response: { 201: User } } },
    async (req, reply) => {
      const b = req.body;
      const problem = passwordProblem(b.password);
      if (problem) throw badRequest(problem, 'password');
      const hash = await hashPassword(b.password);
      const id = await req.store.withAudit({ action: 'user.create', activity: ProcessingActivity.Administration, details: { username: b.username, roles: b.roles } }, async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO users (username, display_name, email, password_hash, must_change_password) VALUES ($1,$2,$3,$4,true) RETURNING id`,
          [b.username, b.displayName, b.email ?? null, hash]);
        await setRolesAndTeams(tx, row!.id, b.roles, b.teamIds);
        return row!.id;
      }).catch((e) => { throw dbError(e); });
      return reply.status(201).send((await listUsers(app.db, id))[0]!);
    });

  r.patch('/api/v1/users/:id', { config: { permission: 'users.write' }, schema: { tags, summary: 'Change roles, teams, name; deactivate or reactivate; unlock (locked: false)', params: IdParams, body: UserUpdate, response: { 200: User } } },
    async (req) => {
      const b = req.body;
      if (b.active === false && req.params.id === req.ctx?.actor.id) throw badRequest('U kunt uzelf niet deactiveren / You cannot deactivate yourself', 'active');
      // Nobody changes their own roles or teams (giving oneself client access or the reviewer's role): that takes a second administrator.
      // The form sends roles and teams with every save, so only an actual difference is refused.
      if (req.params.id === req.ctx?.actor.id && (b.roles || b.teamIds)) {
        const [me] = await listUsers(app.db, req.params.id);
        if (me && ((b.roles && !sameSet(b.roles, me.roles)) || (b.teamIds && !sameSet(b.teamIds, me.teamIds)))) throw forbidden(SELF_ADMINISTRATION, 'self_administration');
      }
      const found = await req.store.withAudit((r: BeforeAndAfter) => ({ action: 'user.update', activity: ProcessingActivity.Administration, details: userChangeDetails(req.params.id, Object.keys(b), r) }), (tx) => withBeforeAndAfter(tx, req.params.id, async () => {
        const rows = await tx.query<{ id: string }>(
          `UPDATE users SET display_name = coalesce($2, display_name), email = CASE WHEN $3::boolean THEN $4 ELSE email END,
             active = coalesce($5, active),
             failed_logins = CASE WHEN $6 THEN 0 ELSE failed_logins END, locked_until = CASE WHEN $6 THEN NULL ELSE locked_until END,
             updated_at = now() WHERE id = $1 RETURNING id`,
          [req.params.id, b.displayName ?? null, b.email !== undefined, b.email ?? null, b.active ?? null, b.locked === false]);
        if (!rows[0]) return false;
        await setRolesAndTeams(tx, req.params.id, b.roles, b.teamIds);
        if (b.active === false) await tx.query('DELETE FROM sessions WHERE user_id = $1', [req.params.id]);
        return true;
      })).catch((e) => { throw dbError(e); });
      if (!found.found || !found.after) throw notFound('Gebruiker niet gevonden / User not found');
      return found.after;
    });

  r.post('/api/v1/users/:id/password-resets', {
    config: { permission: 'users.write' },
    schema: { tags, summary: 'Set a temporary password; unlocks the account, ends its sessions, user must choose a new one', params: IdParams,
      body: z.object({ temporaryPassword: z.string().max(200), resetTotp: z.boolean().default(false) }), response: { 200: User } },
  }, async (req) => {
    // One's own password is changed with the current one (POST /api/v1/session/password), not reset past it.
    if (req.params.id === req.ctx?.actor.id) throw forbidden(SELF_ADMINISTRATION, 'self_administration');
    const problem = passwordProblem(req.body.temporaryPassword);
    if (problem) throw badRequest(problem, 'temporaryPassword');
    const hash = await hashPassword(req.body.temporaryPassword);
    const found = await req.store.withAudit({ action: 'user.password_reset', activity: ProcessingActivity.Administration, details: { userId: req.params.id, resetTotp: req.body.resetTotp } }, async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `UPDATE users SET password_hash = $2, must_change_password = true, failed_logins = 0, locked_until = NULL,
           totp_enabled = CASE WHEN $3 THEN false ELSE totp_enabled END, totp_secret = CASE WHEN $3 THEN NULL ELSE totp_secret END,
           updated_at = now() WHERE id = $1 RETURNING id`, [req.params.id, hash, req.body.resetTotp]);
      if (rows[0]) await tx.query('DELETE FROM sessions WHERE user_id = $1', [req.params.id]);
      return !!rows[0];
    });
    if (!found) throw notFound('Gebruiker niet gevonden / User not found');
    return (await listUsers(app.db, req.params.id))[0]!;
  });
}
