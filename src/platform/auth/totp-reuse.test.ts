import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, loginAs } from '../../../test/helpers.ts';
import { DEMO_PASSWORD } from '../../demo/org-data.ts';
import { currentTotp } from './totp.ts';

test('a two-factor code logs in only once: a second use within its window is refused, also at the same moment', async (t) => {
  const app = await build(t);
  const h = await loginAs(app, 'beheer');
  const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/session/totp', headers: h })).json();
  const [enrolCode, nextCode] = [currentTotp(secret), currentTotp(secret, 1)];
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/session/totp/confirmation', headers: h, payload: { code: enrolCode } })).statusCode, 200);
  const login = (totp: string) => app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'beheer', password: DEMO_PASSWORD, totp } });

  const enrolAgain = await login(enrolCode);
  assert.equal(enrolAgain.statusCode, 401, 'the code used to confirm the enrolment is used up');
  assert.equal(enrolAgain.json().code, 'totp_reused');

  const both = await Promise.all([login(nextCode), login(nextCode)]);
  assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 401], 'two logins with one code at the same moment: one wins');
  assert.equal(both.find((r) => r.statusCode === 401)!.json().code, 'totp_reused');
  const replay = await login(nextCode);
  assert.equal(replay.statusCode, 401);
  assert.equal(replay.json().code, 'totp_reused');
  assert.equal(replay.cookies.length, 0);
});
