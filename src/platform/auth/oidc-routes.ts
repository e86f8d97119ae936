import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity, writeAudit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { finishOidcLogin, startOidcLogin } from './oidc.ts';
import { createSession } from './sessions.ts';
import { setSessionCookie } from './routes.ts';
import { publicUrl } from './cookies.ts';

const PURPOSE = 'staff';

const callbackUrl = (app: FastifyInstance, req: FastifyRequest) => publicUrl(app, req, '/api/v1/session/oidc/callback');

/**
 * Staff login through the municipal identity provider (OpenID Connect authorization code flow
 * with PKCE). The IdP does the two-factor step, so these sessions count as two-factor verified.
 * A user is found by the IdP subject, or on first login by preferred_username = username.
 */
export async function oidcRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['session'];

  r.get('/api/v1/session/methods', {
    config: { public: true },
    schema: { tags, summary: 'Which login methods are on', response: { 200: z.object({ password: z.boolean(), oidc: z.boolean() }) } },
  }, async () => ({ password: app.config.localLogin, oidc: !!app.config.oidc }));

  r.get('/api/v1/session/oidc/authorization', {
    config: { public: true },
    schema: { tags, summary: 'Start login at the municipal identity provider (redirect)' },
  }, async (req, reply) => {
    const p = app.config.oidc;
    if (!p) throw new AppError('oidc_not_configured', 404, 'Inloggen via de gemeente is niet ingesteld / OIDC login is not configured');
    return reply.redirect((await startOidcLogin(app.db, p, PURPOSE, callbackUrl(app, req))).toString());
  });

  r.get('/api/v1/session/oidc/callback', {
    config: { public: true },
    schema: { tags, summary: 'Return from the identity provider' },
  }, async (req, reply) => {
    const p = app.config.oidc;
    if (!p) throw new AppError('oidc_not_configured', 404, 'Inloggen via de gemeente is niet ingesteld / OIDC login is not configured');
    const current = new URL(req.url, callbackUrl(app, req));
    let claims: Awaited<ReturnType<typeof finishOidcLogin>>['claims'];
    try {
      ({ claims } = await finishOidcLogin(app.db, p, PURPOSE, current));
    } catch (e) {
      req.log.warn({ code: (e as { code?: string }).code }, 'oidc login failed');
      return reply.redirect('/?loginError=oidc');
    }
    const username = typeof claims.preferred_username === 'string' ? claims.preferred_username.toLowerCase() : null;
    const token = await app.db.transaction(async (tx) => {
      const [u] = await tx.query<{ id: string; display_name: string }>(
        `UPDATE users SET external_subject = $1 WHERE active AND (external_subject = $1 OR (external_subject IS NULL AND username = $2))
         RETURNING id, display_name`, [claims.sub, username]);
      const ctx = { actor: { kind: 'user' as const, id: u?.id ?? null, name: u?.display_name ?? username ?? claims.sub, roles: [], teamIds: [] }, remoteAddr: req.ip, requestId: req.id };
      if (!u) {
        await writeAudit(tx, ctx, { action: 'session.login', activity: ProcessingActivity.Security, outcome: 'denied', details: { method: 'oidc', reason: 'no_matching_user' } });
        return null;
      }
      await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [u.id]);
      const s = await createSession(tx, u.id, app.config.sessionMinutes, true);
      await writeAudit(tx, ctx, { action: 'session.login', activity: ProcessingActivity.Security, outcome: 'success', details: { method: 'oidc' } });
      return s.token;
    });
    if (!token) return reply.redirect('/?loginError=unknown_user');
    setSessionCookie(app, req, reply, token);
    return reply.redirect('/');
  });
}
