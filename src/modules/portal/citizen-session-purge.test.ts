import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers.ts';
import { sha256 } from '../../platform/auth/sessions.ts';

/** Logs in through the demo test identity provider and returns the citizen cookie. */
async function citizenCookie(app: FastifyInstance, identity: string): Promise<string> {
  const start = await app.inject({ method: 'GET', url: '/api/v1/portal/login' });
  const state = new URL(start.headers.location!, 'http://x').searchParams.get('state')!;
  const chosen = await app.inject({ method: 'POST', url: '/test-idp/authorize', payload: `state=${state}&identity=${identity}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const back = await app.inject({ method: 'GET', url: chosen.headers.location! });
  return `wegwijs_citizen=${back.cookies.find((c) => c.name === 'wegwijs_citizen')!.value}`;
}

test('an expired citizen session, with its BSN and name, is deleted by the housekeeping job; a live one stays', async (t) => {
  const app = await build(t);
  const gone = await citizenCookie(app, '0');
  const live = await citizenCookie(app, '1');
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie: gone } })).statusCode, 200);
  // The first citizen's 15 minutes are over; an abandoned test-IdP code is older than 5 minutes.
  const goneHash = sha256(gone.split('=')[1]!);
  await app.db.query(`UPDATE citizen_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [goneHash]);
  await app.db.query(`INSERT INTO test_idp_codes (code, bsn, name, state, created_at) VALUES ('old-code', '999993653', '{}', 'old-state', now() - interval '6 minutes')`);
  await app.jobs.tick();
  assert.equal((await app.db.query('SELECT 1 FROM citizen_sessions WHERE token_hash = $1', [goneHash])).length, 0);
  assert.equal((await app.db.query('SELECT 1 FROM citizen_sessions WHERE token_hash = $1', [sha256(live.split('=')[1]!)])).length, 1);
  assert.equal((await app.db.query(`SELECT 1 FROM test_idp_codes WHERE code = 'old-code'`)).length, 0);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie: live } })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/portal/session', headers: { cookie: gone } })).json().code, 'citizen_unauthenticated');
});
