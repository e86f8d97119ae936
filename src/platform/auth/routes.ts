import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity, writeAudit } from '../audit.ts';
import { AppError, badRequest, unauthorized } from '../errors.ts';
import type { RequestContext } from '../access/context.ts';
import { hashPassword, passwordRefusal, verifyPassword } from './passwords.ts';
import { createSession, deleteSession, loadUser, SESSION_COOKIE, type SessionUser, type TeamLookup } from './sessions.ts';
import { needsMfa } from './plugin.ts';
import { claimTotpStep, newTotpSecret, totpStep, totpUri } from './totp.ts';
import { setLoginCookie } from './cookies.ts';
import { loginBackoff, loginKeys, loginSucceeded, startLoginAttempt } from './login-throttle.ts';

import { SessionView, TotpEnrolment } from './schemas.ts';

const Login = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(200),
  totp: z.string().regex(/^\d{6}$/).optional(),
});

function view(user: SessionUser, csrfToken: string, mfaRequired: boolean) {
  return { user: { ...user }, csrfToken, mfaRequired };
}

export function setSessionCookie(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, token: string) {
  setLoginCookie(app, req, reply, SESSION_COOKIE, token, app.config.sessionMinutes);
}

/** `lookupTeams` comes from the org module (app.ts wires it): the session view shows team names. */
export async function sessionRoutes(app: FastifyInstance, { lookupTeams }: { lookupTeams: TeamLookup }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const anon = (req: FastifyRequest, name: string): RequestContext => ({
    actor: { kind: 'user', id: null, name, roles: [], teamIds: [] }, remoteAddr: req.ip, requestId: req.id });

  r.post('/api/v1/session', {
    config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags: ['session'], summary: 'Log in with username and password (and TOTP code when enabled)', body: Login, response: { 200: SessionView } },
  }, async (req, reply) => {
    const { username, password, totp } = req.body;
    if (!app.config.localLogin) throw new AppError('local_login_disabled', 403, 'Log in via de gemeentelijke inlogdienst / Log in through the municipal identity provider');
    // Back-off before anything is checked, alike for real and unknown usernames (login-throttle.ts).
    const keys = loginKeys(username, req.ip);
    const wait = await app.db.transaction((tx) => startLoginAttempt(tx, keys, username));
    if (wait > 0) {
      await writeAuditTx(app, anon(req, username), 'session.login', 'denied', { reason: 'backoff', retryAfter: wait });
      reply.header('retry-after', String(wait));
      throw loginBackoff(wait);
    }
    const rows = await app.db.query<{ id: string; password_hash: string | null; active: boolean; totp_enabled: boolean; totp_secret: string | null }>(
      'SELECT id, password_hash, active, totp_enabled, totp_secret FROM users WHERE username = $1', [username]);
    const u = rows[0];
    // The attempt already counts as failed until it succeeds; a failure only adds its audit row.
    const fail = (reason: string) => writeAuditTx(app, anon(req, username), 'session.login', 'denied', { reason, userId: u?.id ?? null });
    // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(password, u?.password_hash ?? DUMMY_HASH);
    if (!u?.active || !ok) {
      await fail(!u ? 'unknown_user' : !u.active ? 'inactive' : 'wrong_password');
      throw unauthorized('Gebruikersnaam of wachtwoord onjuist / Wrong username or password', 'invalid_credentials');
    }
    let mfaVerified = false;
    if (u.totp_enabled && u.totp_secret) {
      if (!totp) throw new AppError('totp_required', 401, 'Voer de code uit uw authenticator-app in / Enter the code from your authenticator app', 'totp');
      const step = totpStep(u.totp_secret, totp);
      if (step === null) {
        await fail('wrong_totp');
        throw new AppError('invalid_totp', 401, 'De code is onjuist of verlopen / The code is wrong or expired', 'totp');
      }
      if (!(await claimTotpStep(app.db, u.id, step))) {
        await fail('reused_totp');
        throw new AppError('totp_reused', 401, 'Deze code is al gebruikt; wacht op de volgende code in uw app / This code was already used; wait for the next code in your app', 'totp');
      }
      mfaVerified = true;
    }
    const { token, csrfToken, user } = await app.db.transaction(async (tx) => {
      await loginSucceeded(tx, keys, u.id);
      const s = await createSession(tx, u.id, app.config.sessionMinutes, mfaVerified);
      const user = (await loadUser(tx, u.id, lookupTeams))!;
      await writeAudit(tx, { ...anon(req, user.displayName), actor: { kind: 'user', id: u.id, name: user.displayName, roles: user.roles, teamIds: [] } },
        { action: 'session.login', activity: ProcessingActivity.Security, outcome: 'success', details: { mfa: mfaVerified } });
      return { ...s, user };
    });
    setSessionCookie(app, req, reply, token);
    return view(user, csrfToken, needsMfa(app.config, { tokenHash: '', csrfToken, mfaVerified, user }));
  });

  r.get('/api/v1/session', {
    config: { public: true },
    schema: { tags: ['session'], summary: 'The current session', response: { 200: SessionView } },
  }, async (req) => {
    if (!req.session) throw unauthorized();
    const user = { ...req.session.user, teams: await lookupTeams(app.db, req.session.user.teams.map((t) => t.id)) };
    return view(user, req.session.csrfToken, needsMfa(app.config, req.session));
  });

  r.delete('/api/v1/session', {
    config: { permission: 'session.self' },
    schema: { tags: ['session'], summary: 'Log out' },
  }, async (req, reply) => {
    if (req.session) {
      const tokenHash = req.session.tokenHash;
      await req.store.change({ action: 'session.logout', activity: ProcessingActivity.Security }, (tx) => deleteSession(tx, tokenHash));
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  r.post('/api/v1/session/password', {
    config: { permission: 'session.self' },
    schema: { tags: ['session'], summary: 'Change own password', body: z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }) },
  }, async (req, reply) => {
    const s = req.session;
    if (!s) throw unauthorized();
    const { currentPassword, newPassword } = req.body;
    const refusal = passwordRefusal(newPassword, 'newPassword', s.user);
    if (refusal) throw refusal;
    // Guesses of the current password (from a session left open) count like failed logins: same back-off.
    const keys = loginKeys(s.user.username, req.ip);
    const wait = await app.db.transaction((tx) => startLoginAttempt(tx, keys, s.user.username));
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw loginBackoff(wait);
    }
    const [u] = await app.db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [s.user.id]);
    if (!(await verifyPassword(currentPassword, u?.password_hash ?? null))) {
      await req.store.audit({ action: 'session.password_change', activity: ProcessingActivity.Security, outcome: 'denied', details: { reason: 'wrong_current_password' } });
      throw badRequest('Het huidige wachtwoord is onjuist / The current password is wrong', 'currentPassword', 'wrong_current_password');
    }
    await app.db.transaction((tx) => loginSucceeded(tx, keys, s.user.id));
    if (await verifyPassword(newPassword, u?.password_hash ?? null)) {
      throw badRequest('Kies een ander wachtwoord dan het huidige / Choose a password other than the current one', 'newPassword', 'password_reused');
    }
    const hash = await hashPassword(newPassword);
    await req.store.change({ action: 'session.password_change', activity: ProcessingActivity.Security }, async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1', [s.user.id, hash]);
      await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [s.user.id, s.tokenHash]);
    });
    return reply.status(204).send();
  });

  r.post('/api/v1/session/totp', {
    config: { permission: 'session.self' },
    schema: { tags: ['session'], summary: 'Start two-factor enrolment: returns a new secret', response: { 200: TotpEnrolment } },
  }, async (req) => {
    const s = req.session;
    if (!s) throw unauthorized();
    if (s.user.totpEnabled) throw new AppError('totp_already_enabled', 409, 'Tweestapsverificatie staat al aan / Two-factor login is already enabled');
    const secret = newTotpSecret();
    await app.db.query('UPDATE users SET totp_secret = $2 WHERE id = $1 AND NOT totp_enabled', [s.user.id, secret]);
    return { secret, otpauthUri: totpUri(secret, s.user.username) };
  });

  r.post('/api/v1/session/totp/confirmation', {
    config: { permission: 'session.self' },
    schema: { tags: ['session'], summary: 'Confirm two-factor enrolment with a code', body: z.object({ code: z.string() }), response: { 200: SessionView } },
  }, async (req) => {
    const s = req.session;
    if (!s) throw unauthorized();
    const [u] = await app.db.query<{ totp_secret: string | null }>('SELECT totp_secret FROM users WHERE id = $1', [s.user.id]);
    const step = u?.totp_secret ? totpStep(u.totp_secret, req.body.code) : null;
    if (step === null) throw badRequest('De code is onjuist of verlopen / The code is wrong or expired', 'code', 'invalid_totp');
    // The enrolment code counts as used: it cannot log in a moment later.
    if (!(await claimTotpStep(app.db, s.user.id, step))) throw badRequest('Deze code is al gebruikt; wacht op de volgende code / This code was already used; wait for the next one', 'code', 'totp_reused');
    await req.store.change({ action: 'session.totp_enabled', activity: ProcessingActivity.Security }, async (tx) => {
      await tx.query('UPDATE users SET totp_enabled = true WHERE id = $1', [s.user.id]);
      await tx.query('UPDATE sessions SET mfa_verified = true WHERE token_hash = $1', [s.tokenHash]);
    });
    const user = (await loadUser(app.db, s.user.id, lookupTeams))!;
    return view(user, s.csrfToken, false);
  });
}

async function writeAuditTx(app: FastifyInstance, ctx: RequestContext, action: string, outcome: 'denied' | 'success', details: Record<string, unknown>) {
  await app.db.transaction((tx) => writeAudit(tx, ctx, { action, activity: ProcessingActivity.Security, outcome, details }));
}

const DUMMY_HASH = await hashPassword('dummy password that never matches');
