import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import type { RequestContext } from '../access/context.ts';
import { isPermission, type Permission, rolesAllow } from '../access/permissions.ts';
import { MFA_ROLES } from '../access/roles.ts';
import { ProcessingActivity } from '../audit.ts';
import { forbidden, unauthorized, AppError } from '../errors.ts';
import { Store } from '../store.ts';
import { findSession, type Session, SESSION_COOKIE } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext | null;
    session: Session | null;
    /** The one door to client data for this request (throws 401 when not logged in). */
    store: Store;
  }
  interface FastifyContextConfig {
    /** The access rule this route enforces (src/platform/access/permissions.ts). */
    permission?: Permission;
    /** Reachable without login; say so explicitly. */
    public?: boolean;
  }
  interface FastifyInstance {
    db: Db;
    config: Config;
    /** Further ways to authenticate a request (e.g. bearer tokens for GP practices). */
    authenticators: ((req: FastifyRequest) => Promise<RequestContext | null>)[];
    /** Every route with its access rule; the access tests are generated from it. */
    routeTable: { method: string; url: string; permission?: Permission; public?: boolean }[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Roles that need two-factor login under the current configuration and have not done it. */
export function needsMfa(config: Config, s: Session): boolean {
  return config.requireMfa && !s.mfaVerified && s.user.roles.some((r) => (MFA_ROLES as readonly string[]).includes(r));
}

/**
 * Authenticates every request (session cookie, or another registered authenticator) and
 * enforces each route's declared permission. A route with neither `permission` nor `public`
 * is refused at start-up, so no route is reachable by accident.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('authenticators', []);
  app.decorate('routeTable', []);
  app.decorateRequest('ctx', null);
  app.decorateRequest('session', null);
  app.decorateRequest('store', {
    getter(this: FastifyRequest) {
      if (!this.ctx) throw unauthorized();
      return new Store(app.db, this.ctx);
    },
  });

  app.addHook('onRoute', (route) => {
    const cfg = (route.config ?? {}) as { permission?: unknown; public?: boolean };
    if (route.method === 'HEAD') return;
    // The API docs pages (swagger-ui) are public by design: they show only the OpenAPI document.
    if (route.url.startsWith('/api/v1/docs')) route.config = { ...route.config, public: true };
    if (route.config?.public === true) cfg.public = true;
    if (cfg.public !== true && !isPermission(cfg.permission)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.permission or config.public)`);
    }
    for (const method of [route.method].flat()) {
      app.routeTable.push({ method, url: route.url, permission: cfg.public ? undefined : (cfg.permission as Permission), public: cfg.public === true });
    }
  });

  app.addHook('onRequest', async (req) => {
    await authenticate(req);
    await enforce(req);
  });

  async function authenticate(req: FastifyRequest) {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      const s = await findSession(app.db, token, app.config.sessionIdleMinutes);
      if (s) {
        req.session = s;
        req.ctx = {
          actor: { kind: 'user', id: s.user.id, name: s.user.displayName, roles: s.user.roles, teamIds: s.user.teams.map((t) => t.id) },
          remoteAddr: req.ip,
          requestId: req.id,
        };
        return;
      }
    }
    for (const auth of app.authenticators) {
      const ctx = await auth(req);
      if (ctx) {
        req.ctx = ctx;
        return;
      }
    }
  }

  /**
   * Runs before the body is parsed or validated, so an unauthorised caller learns nothing from
   * validation errors. Every refusal here gets an audit row (NEN 7513: refused attempts are logged too).
   */
  async function enforce(req: FastifyRequest) {
    const cfg = req.routeOptions.config as { permission?: Permission; public?: boolean };
    if (cfg.public) return;
    if (!cfg.permission) return; // 404 handler and static files
    const refuse = async (err: AppError) => {
      const ctx: RequestContext = req.ctx ?? { actor: { kind: 'user', id: null, name: 'anonymous', roles: [], teamIds: [] }, remoteAddr: req.ip, requestId: req.id };
      await new Store(app.db, ctx).audit({ action: cfg.permission!, activity: ProcessingActivity.Security, outcome: 'denied',
        details: { route: req.routeOptions.url, method: req.method, code: err.code, status: err.status } });
      return err;
    };
    if (!req.ctx) throw await refuse(unauthorized());
    if (req.session) {
      if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken) {
        throw await refuse(new AppError('csrf', 403, 'Ongeldig of ontbrekend CSRF-token / Missing or invalid CSRF token'));
      }
      if (cfg.permission !== 'session.self' && needsMfa(app.config, req.session)) {
        throw await refuse(new AppError('mfa_required', 403, 'Stel eerst tweestapsverificatie in / Set up two-factor login first'));
      }
      if (cfg.permission !== 'session.self' && req.session.user.mustChangePassword) {
        throw await refuse(new AppError('password_change_required', 403, 'Kies eerst een nieuw wachtwoord / Choose a new password first'));
      }
    }
    if (!rolesAllow(cfg.permission, req.ctx.actor.roles)) {
      throw await refuse(forbidden(`Uw rol geeft geen toegang tot deze functie / Your role does not allow this (${cfg.permission})`, 'role_forbidden'));
    }
  }
});
