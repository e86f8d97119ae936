import * as oidc from 'openid-client';
import type { Queryable } from '../db.ts';
import { AppError } from '../errors.ts';

export type OidcProvider = { issuer: string; clientId: string; clientSecret?: string };

const configs = new Map<string, Promise<oidc.Configuration>>();

/** Discovers the identity provider once per issuer. Plain http is only allowed for a loopback test IdP. */
export function oidcConfiguration(p: OidcProvider): Promise<oidc.Configuration> {
  const key = `${p.issuer}|${p.clientId}`;
  let c = configs.get(key);
  if (!c) {
    const url = new URL(p.issuer);
    const loopback = url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    c = oidc.discovery(url, p.clientId, p.clientSecret, undefined, loopback ? { execute: [oidc.allowInsecureRequests] } : undefined);
    c.catch(() => configs.delete(key));
    configs.set(key, c);
  }
  return c;
}

/** Starts an authorization code flow with PKCE; state, nonce and verifier are kept server-side. */
export async function startOidcLogin(q: Queryable, p: OidcProvider, purpose: string, redirectUri: string, returnTo?: string): Promise<URL> {
  const config = await oidcConfiguration(p);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await q.query('INSERT INTO oidc_logins (state, code_verifier, nonce, purpose, return_to) VALUES ($1,$2,$3,$4,$5)', [state, verifier, nonce, purpose, returnTo ?? null]);
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: 'openid profile', state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
}

/** Completes the flow: checks state (used once, at most 15 minutes old), PKCE and nonce; returns the ID token claims. */
export async function finishOidcLogin(q: Queryable, p: OidcProvider, purpose: string, currentUrl: URL): Promise<{ claims: oidc.IDToken; returnTo: string | null }> {
  const state = currentUrl.searchParams.get('state') ?? '';
  const [pending] = await q.query<{ code_verifier: string; nonce: string; return_to: string | null }>(
    `DELETE FROM oidc_logins WHERE state = $1 AND purpose = $2 AND created_at > now() - interval '15 minutes' RETURNING code_verifier, nonce, return_to`, [state, purpose]);
  if (!pending) throw new AppError('oidc_state', 400, 'Inlogpoging onbekend of verlopen; probeer opnieuw / Unknown or expired login attempt');
  const config = await oidcConfiguration(p);
  const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: pending.code_verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
  const claims = tokens.claims();
  if (!claims) throw new AppError('oidc_no_id_token', 400, 'Geen identiteit ontvangen / No identity received');
  return { claims, returnTo: pending.return_to };
}

/**
 * A login in flight without OIDC (the demo test identity provider): only its state is kept, as a
 * real OIDC login's is, so the callback can prove it started here.
 */
export async function rememberLoginState(q: Queryable, state: string, purpose: string): Promise<void> {
  await q.query(`INSERT INTO oidc_logins (state, code_verifier, nonce, purpose) VALUES ($1, '', '', $2)`, [state, purpose]);
}

/** Consumes a login state started within 15 minutes; false when unknown or expired. */
export async function takeLoginState(q: Queryable, state: string, purpose: string): Promise<boolean> {
  const rows = await q.query(`DELETE FROM oidc_logins WHERE state = $1 AND purpose = $2 AND created_at > now() - interval '15 minutes' RETURNING state`, [state, purpose]);
  return rows.length > 0;
}
