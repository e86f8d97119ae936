import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../../platform/access/context.ts';
import { ProcessingActivity, writeAudit } from '../../platform/audit.ts';
import { finishOidcLogin, rememberLoginState, startOidcLogin, takeLoginState } from '../../platform/auth/oidc.ts';
import { publicUrl, setLoginCookie } from '../../platform/auth/cookies.ts';
import { sha256 } from '../../platform/auth/sessions.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, unauthorized } from '../../platform/errors.ts';
import { isValidBsn } from '../clients/bsn.ts';
import { testIdpRoutes } from './test-idp.ts';

export const CITIZEN_COOKIE = 'wegwijs_citizen';
const CITIZEN_SESSION_MINUTES = 15; // DigiD norm: a short session for citizens

export type Citizen = { bsn: string; name: string; givenName: string | null; familyName: string; csrfToken: string; tokenHash: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** A citizen logged in with DigiD (or the demo test IdP); null for staff and anonymous requests. */
    citizen: Citizen | null;
  }
}

/** The test identity provider runs only in demo/test mode and never when DigiD is configured. */
export const testIdpActive = (app: FastifyInstance) => !app.config.digid && app.config.demo;

export const citizenContext = (req: FastifyRequest): RequestContext => ({
  // Never the BSN or the name in the audit actor: 'citizen' plus the request id is enough to trace.
  actor: { kind: 'citizen', id: null, name: 'burger (DigiD)', roles: [], teamIds: [] }, remoteAddr: req.ip, requestId: req.id,
});

/** Portal routes are public at the staff-permission level and guarded here: a citizen session, and CSRF on changes. */
export function requireCitizen(req: FastifyRequest): Citizen {
  if (!req.citizen) throw unauthorized('Log eerst in met DigiD / Log in with DigiD first', 'citizen_unauthenticated');
  if (!['GET', 'HEAD'].includes(req.method) && req.headers['x-csrf-token'] !== req.citizen.csrfToken) {
    throw new AppError('csrf', 403, 'Ongeldig of ontbrekend CSRF-token / Missing or invalid CSRF token');
  }
  return req.citizen;
}

async function createCitizenSession(tx: Queryable, c: { bsn: string; givenName: string | null; familyName: string }) {
  const token = randomBytes(32).toString('base64url');
  const name = [c.givenName, c.familyName].filter(Boolean).join(' ');
  await tx.query(`INSERT INTO citizen_sessions (token_hash, bsn, name, csrf_token, expires_at) VALUES ($1,$2,$3,$4, now() + make_interval(mins => $5))`,
    [sha256(token), c.bsn, JSON.stringify({ givenName: c.givenName, familyName: c.familyName, name }), randomBytes(24).toString('base64url'), CITIZEN_SESSION_MINUTES]);
  return token;
}

/**
 * A citizen session holds a BSN and a name: it is deleted once expired, not kept until the
 * citizen logs out (AVG art. 5 lid 1 sub e, storage limitation). Unused test-IdP codes too.
 * Runs as the scheduled job 'citizen_sessions.purge' (src/jobs.ts).
 */
export async function purgeCitizenSessions(q: Queryable): Promise<void> {
  await q.query('DELETE FROM citizen_sessions WHERE expires_at < now()');
  await q.query(`DELETE FROM test_idp_codes WHERE created_at < now() - interval '5 minutes'`);
}

/** The citizen pages a login may return to: only these (a fixed list, so the login is no open redirect). */
export const CITIZEN_PAGES = ['/mijn-wegwijs', '/digitaal-loket'] as const;
/** Remembers, across the DigiD round trip, which citizen page asked for the login (15 minutes). */
const RETURN_COOKIE = 'wegwijs_citizen_return';

/** Logs the citizen in (audited) and sends them back to the page they were going to (else Mijn Wegwijs). */
export async function completeCitizenLogin(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, c: { bsn: string; givenName: string | null; familyName: string }, method: string) {
  if (!isValidBsn(c.bsn)) throw new AppError('citizen_bsn', 400, 'Geen geldig BSN ontvangen / No valid BSN received');
  const token = await app.db.transaction(async (tx) => {
    const t = await createCitizenSession(tx, c);
    await writeAudit(tx, citizenContext(req), { action: 'citizen.login', activity: ProcessingActivity.Security, outcome: 'success', details: { method } });
    return t;
  });
  setLoginCookie(app, req, reply, CITIZEN_COOKIE, token, CITIZEN_SESSION_MINUTES);
  const back = CITIZEN_PAGES.find((page) => page === req.cookies?.[RETURN_COOKIE]) ?? '/mijn-wegwijs';
  reply.clearCookie(RETURN_COOKIE, { path: '/' });
  return reply.redirect(back);
}

const callbackUrl = (app: FastifyInstance, req: FastifyRequest) => publicUrl(app, req, '/api/v1/portal/login/callback');

export async function citizenAuth(app: FastifyInstance) {
  app.decorateRequest('citizen', null);
  app.authenticators.push(async (req) => {
    // A citizen session counts only on the citizen's own routes; elsewhere the request is simply not logged in.
    const token = req.url.startsWith('/api/v1/portal/') ? req.cookies?.[CITIZEN_COOKIE] : undefined;
    if (!token) return null;
    const [s] = await app.db.query<{ token_hash: string; bsn: string; name: string; csrf_token: string }>(
      'SELECT token_hash, bsn, name, csrf_token FROM citizen_sessions WHERE token_hash = $1 AND expires_at > now()', [sha256(token)]);
    if (!s) return null;
    const n = JSON.parse(s.name) as { givenName: string | null; familyName: string; name: string };
    req.citizen = { bsn: s.bsn, name: n.name, givenName: n.givenName, familyName: n.familyName, csrfToken: s.csrf_token, tokenHash: s.token_hash };
    return citizenContext(req);
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];

  r.get('/api/v1/portal/login', {
    config: { public: true },
    schema: { tags, summary: 'Log in as a citizen: DigiD (OpenID Connect), or the demo test identity provider when DigiD is not configured; returnTo: the citizen page to land on afterwards',
      querystring: z.object({ returnTo: z.string().max(100).optional() }) },
  }, async (req, reply) => {
    const returnTo = CITIZEN_PAGES.find((page) => page === req.query.returnTo);
    if (returnTo) setLoginCookie(app, req, reply, RETURN_COOKIE, returnTo, 15);
    if (app.config.digid) return reply.redirect((await startOidcLogin(app.db, app.config.digid, 'digid', callbackUrl(app, req))).toString());
    if (!testIdpActive(app)) throw new AppError('digid_not_configured', 503, 'DigiD is niet ingesteld / DigiD is not configured');
    const state = randomBytes(16).toString('base64url');
    await rememberLoginState(app.db, state, 'test_idp');
    return reply.redirect(`/test-idp/authorize?state=${state}`);
  });

  r.get('/api/v1/portal/login/callback', {
    config: { public: true },
    schema: { tags, summary: 'Return from DigiD (or the test identity provider)', querystring: z.object({ code: z.string().max(200), state: z.string().max(200) }).passthrough() },
  }, async (req, reply) => {
    if (app.config.digid) {
      const { claims } = await finishOidcLogin(app.db, app.config.digid, 'digid', new URL(req.url, callbackUrl(app, req)));
      // DigiD brokers put the BSN in `sub` or in a `bsn` claim.
      const bsn = String(claims.bsn ?? claims.sub);
      return completeCitizenLogin(app, req, reply, { bsn, givenName: (claims.given_name as string) ?? null, familyName: String(claims.family_name ?? claims.name ?? 'burger') }, 'digid');
    }
    if (!testIdpActive(app)) throw new AppError('digid_not_configured', 503, 'DigiD is niet ingesteld / DigiD is not configured');
    const login = await takeLoginState(app.db, req.query.state, 'test_idp');
    const [code] = await app.db.query<{ bsn: string; name: string }>(
      `DELETE FROM test_idp_codes WHERE code = $1 AND state = $2 AND created_at > now() - interval '5 minutes' RETURNING bsn, name`, [req.query.code, req.query.state]);
    if (!login || !code) throw new AppError('oidc_state', 400, 'Inlogpoging onbekend of verlopen; probeer opnieuw / Unknown or expired login attempt');
    const n = JSON.parse(code.name) as { givenName: string | null; familyName: string };
    return completeCitizenLogin(app, req, reply, { bsn: code.bsn, ...n }, 'test_idp');
  });

  r.delete('/api/v1/portal/session', {
    config: { public: true },
    schema: { tags, summary: 'Log the citizen out' },
  }, async (req, reply) => {
    const c = requireCitizen(req);
    await app.db.query('DELETE FROM citizen_sessions WHERE token_hash = $1', [c.tokenHash]);
    reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  await app.register(testIdpRoutes);
}
