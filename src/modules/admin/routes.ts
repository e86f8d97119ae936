import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES, NEIGHBOURHOOD_TEAM_ROLES, type Role } from '../../platform/access/roles.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import { hashPassword, passwordRefusal } from '../../platform/auth/passwords.ts';
import { clearLoginBackoff } from '../../platform/auth/login-throttle.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { createUser, listUsers, resetPassword, updateUser } from '../../platform/auth/users.ts';
import { IfMatchHeaders, versionConflict, versionOf, withETag } from '../../platform/versioning.ts';
import { teamsByIds } from '../org/store.ts';
import { User } from './schemas.ts';

const RoleEnum = z.enum(ALL_ROLES as [string, ...string[]]);
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

const dbError = (e: unknown) => {
  const code = (e as { code?: string }).code;
  if (code === '23505') return conflict('Deze gebruikersnaam bestaat al / This username already exists', 'duplicate_username');
  if (code === '23503') return badRequest('Onbekend team / Unknown team', 'teamIds');
  return e;
};

type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
type BeforeAndAfter = { found: boolean; before?: UserRow; after?: UserRow };

/** Runs a change to one user (and ends their login back-off if asked) and reads the user before and after it, in the same transaction, for the audit row. */
async function withBeforeAndAfter(tx: Parameters<typeof listUsers>[0], id: string, unlock: boolean, change: () => Promise<boolean>): Promise<BeforeAndAfter> {
  const [before] = await listUsers(tx, id);
  const found = await change();
  if (found && unlock) await clearLoginBackoff(tx, id);
  const [after] = await listUsers(tx, id);
  return { found, before, after };
}

/** The audit details of a user change: what was asked, and the rights before and after (never hashes or secrets). */
function userChangeDetails(userId: string, changed: string[], r: BeforeAndAfter) {
  const rights = (u?: UserRow) => u ? { roles: [...u.roles].sort(), teamIds: [...u.teamIds].sort(), active: u.active } : null;
  return { userId, changed, before: rights(r.before), after: rights(r.after) };
}

/** A team worker or team lead without a neighbourhood team would see no client and receive no referral: refused, naming the field. */
async function requireNeighbourhoodTeam(q: Parameters<typeof listUsers>[0], roles: readonly string[], teamIds: readonly string[]) {
  if (!roles.some((r) => NEIGHBOURHOOD_TEAM_ROLES.includes(r as Role))) return;
  if ((await teamsByIds(q, teamIds)).some((t) => t.kind === 'neighbourhood_team')) return;
  throw badRequest('Een wijkteammedewerker of teamleider hoort bij een wijkteam: kies minstens één wijkteam / A team worker or team lead belongs to a neighbourhood team: choose at least one', 'teamIds', 'neighbourhood_team_required');
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
      const refusal = passwordRefusal(b.password, 'password', b);
      if (refusal) throw refusal;
      await requireNeighbourhoodTeam(app.db, b.roles, b.teamIds);
      const hash = await hashPassword(b.password);
      const id = await req.store.change({ action: 'user.create', activity: ProcessingActivity.Administration, details: { username: b.username, roles: b.roles } }, (tx) =>
        createUser(tx, { username: b.username, displayName: b.displayName, email: b.email, passwordHash: hash, roles: b.roles, teamIds: b.teamIds })).catch((e) => { throw dbError(e); });
      return reply.status(201).send((await listUsers(app.db, id))[0]!);
    });

  r.patch('/api/v1/users/:id', { config: { permission: 'users.write' }, schema: { tags, summary: 'Change roles, teams, name; deactivate or reactivate; unlock (locked: false); If-Match: the version it is based on',
    params: IdParams, headers: IfMatchHeaders, body: UserUpdate, response: { 200: User } } },
    async (req, reply) => {
      const b = req.body;
      const version = versionOf(req);
      if (b.active === false && req.params.id === req.ctx?.actor.id) throw badRequest('U kunt uzelf niet deactiveren / You cannot deactivate yourself', 'active');
      // Nobody changes their own roles or teams (giving oneself client access or the reviewer's role): that takes a second administrator.
      // The form sends roles and teams with every save, so only an actual difference is refused.
      if (req.params.id === req.ctx?.actor.id && (b.roles || b.teamIds)) {
        const [me] = await listUsers(app.db, req.params.id);
        if (me && ((b.roles && !sameSet(b.roles, me.roles)) || (b.teamIds && !sameSet(b.teamIds, me.teamIds)))) throw forbidden(SELF_ADMINISTRATION, 'self_administration');
      }
      if (b.roles || b.teamIds) {
        const [current] = await listUsers(app.db, req.params.id);
        if (current) await requireNeighbourhoodTeam(app.db, b.roles ?? current.roles, b.teamIds ?? current.teamIds);
      }
      const found = await req.store.change({ action: 'user.update', activity: ProcessingActivity.Administration, details: { userId: req.params.id } }, (tx) => withBeforeAndAfter(tx, req.params.id, b.locked === false, async () => {
        const updated = await updateUser(tx, req.params.id, { displayName: b.displayName, email: b.email, roles: b.roles, teamIds: b.teamIds, active: b.active, unlock: b.locked === false }, version);
        const [now] = updated ? [] : await listUsers(tx, req.params.id);
        if (now) throw versionConflict(now.version, now);
        return updated;
      }), (r: BeforeAndAfter) => ({ details: userChangeDetails(req.params.id, Object.keys(b), r) })).catch((e) => { throw dbError(e); });
      if (!found.found || !found.after) throw notFound('Gebruiker niet gevonden / User not found');
      return withETag(reply, found.after);
    });

  r.post('/api/v1/users/:id/password-resets', {
    config: { permission: 'users.write' },
    schema: { tags, summary: 'Set a temporary password; unlocks the account, ends its sessions, user must choose a new one', params: IdParams,
      body: z.object({ temporaryPassword: z.string().max(200), resetTotp: z.boolean().default(false) }), response: { 200: User } },
  }, async (req) => {
    // One's own password is changed with the current one (POST /api/v1/session/password), not reset past it.
    if (req.params.id === req.ctx?.actor.id) throw forbidden(SELF_ADMINISTRATION, 'self_administration');
    const [owner] = await listUsers(app.db, req.params.id);
    const refusal = passwordRefusal(req.body.temporaryPassword, 'temporaryPassword', owner);
    if (refusal) throw refusal;
    const hash = await hashPassword(req.body.temporaryPassword);
    const found = await req.store.change({ action: 'user.password_reset', activity: ProcessingActivity.Administration, details: { userId: req.params.id, resetTotp: req.body.resetTotp } }, (tx) =>
      resetPassword(tx, req.params.id, hash, req.body.resetTotp));
    if (!found) throw notFound('Gebruiker niet gevonden / User not found');
    await clearLoginBackoff(app.db, req.params.id);
    return (await listUsers(app.db, req.params.id))[0]!;
  });
}
