import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { freshDb } from '../../../test/helpers.ts';
import { startTestIdp } from '../../../test/oidc-idp.ts';

/** Issue 14 item 3: outside demo the OIDC return address comes from WEGWIJS_PUBLIC_URL, never from the Host header. */

test('outside demo mode, Wegwijs does not start with municipal or DigiD login but without its public address', () => {
  for (const env of [{ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'wegwijs' }, { DIGID_OIDC_ISSUER: 'https://digid.example', DIGID_OIDC_CLIENT_ID: 'wegwijs' }]) {
    assert.throws(() => loadConfig(env), (e: Error) => e instanceof ConfigError && /WEGWIJS_PUBLIC_URL is required/.test(e.message));
    assert.ok(loadConfig({ ...env, WEGWIJS_PUBLIC_URL: 'https://wegwijs.gemeente.example' }).publicUrl);
    assert.doesNotThrow(() => loadConfig(env, { demo: true }), 'demo mode may use the request host');
  }
  assert.doesNotThrow(() => loadConfig({}), 'without OIDC nothing needs the public address');
});

test('a forged Host header does not change where the identity provider sends the login back', async (t) => {
  const idp = await startTestIdp({ sub: 'x', preferred_username: 'balie' });
  t.after(() => idp.close());
  const db = await freshDb(t);
  const config = loadConfig({ WEGWIJS_REQUIRE_MFA: 'false', OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.client.id, OIDC_CLIENT_SECRET: idp.client.secret,
    WEGWIJS_PUBLIC_URL: 'https://wegwijs.gemeente.example' });
  const app = await buildApp({ config, db, logger: false });
  t.after(() => app.close());
  const start = await app.inject({ method: 'GET', url: '/api/v1/session/oidc/authorization', headers: { host: 'attacker.example' } });
  assert.equal(start.statusCode, 302);
  const redirectUri = new URL(start.headers.location as string).searchParams.get('redirect_uri');
  assert.equal(redirectUri, 'https://wegwijs.gemeente.example/api/v1/session/oidc/callback');
});

test('a configuration without public address built around the start-up check never falls back to the Host header', async (t) => {
  const idp = await startTestIdp({ sub: 'x', preferred_username: 'balie' });
  t.after(() => idp.close());
  const db = await freshDb(t);
  const config = { ...loadConfig({ WEGWIJS_REQUIRE_MFA: 'false' }), oidc: { issuer: idp.issuer, clientId: idp.client.id, clientSecret: idp.client.secret } };
  const app = await buildApp({ config, db, logger: false });
  t.after(() => app.close());
  const start = await app.inject({ method: 'GET', url: '/api/v1/session/oidc/authorization', headers: { host: 'attacker.example' } });
  assert.equal(start.statusCode, 500);
  assert.equal(start.json().code, 'public_url_missing');
  assert.doesNotMatch(start.body, /attacker/);
});
