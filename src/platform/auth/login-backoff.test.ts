import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { build, loginAs } from '../../../test/helpers.ts';
import { DEMO_PASSWORD } from '../../demo/org-data.ts';
import { LoginBackoff, waitAfter } from './login-throttle.ts';

const login = (app: FastifyInstance, username: string, password: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress, payload: { username, password } });
/** Lets every wait end, as if the user waited. */
const waitOut = (app: FastifyInstance) => app.db.query(`UPDATE login_throttle SET blocked_until = now() - interval '1 second'`);

test('a real and an unknown username get the same answers: five wrong passwords, then a short wait', async (t) => {
  const app = await build(t);
  const answers: Record<string, [number, string, string | undefined][]> = {};
  for (const username of ['wijkteam', 'niemand-bekend']) {
    const seen: [number, string, string | undefined][] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login(app, username, `verkeerd-wachtwoord-${i}`, '10.0.0.7');
      seen.push([res.statusCode, res.json().code, res.headers['retry-after'] as string | undefined]);
    }
    answers[username] = seen;
    await app.db.query('DELETE FROM login_throttle WHERE key LIKE $1', ['address:%']);
  }
  assert.deepEqual(answers['wijkteam'], answers['niemand-bekend']);
  assert.deepEqual(answers['wijkteam']!.map((a) => a[1]), [...Array(5).fill('invalid_credentials'), 'login_backoff']);
  assert.equal(answers['wijkteam']![5]![2], String(LoginBackoff.firstWaitSeconds));
  // While waiting even the right password is refused, without looking at it.
  const waiting = await login(app, 'wijkteam', DEMO_PASSWORD);
  assert.equal(waiting.statusCode, 429);
  assert.equal(waiting.json().code, 'login_backoff');
  assert.match(waiting.json().detail, /probeer het over \d+ seconden opnieuw/);
});

test('the wait grows but never becomes a lock: at most 15 minutes, and the right password works once it is over', async (t) => {
  assert.deepEqual([4, 5, 6, 7, 8, 12, 100].map((n) => waitAfter(n, 5)), [0, 15, 30, 60, 120, 900, 900]);
  const app = await build(t);
  // Someone elsewhere keeps guessing Wim's password.
  for (let i = 0; i < 12; i++) {
    await login(app, 'wijkteam', `gok-${i}`, '203.0.113.9');
    await waitOut(app);
  }
  const res = await login(app, 'wijkteam', 'nog-een-gok', '203.0.113.9');
  assert.equal(res.json().code, 'invalid_credentials');
  const next = await login(app, 'wijkteam', DEMO_PASSWORD);
  assert.equal(next.json().code, 'login_backoff');
  assert.ok(Number(next.headers['retry-after']) <= LoginBackoff.maxWaitSeconds);
  await waitOut(app);
  assert.equal((await login(app, 'wijkteam', DEMO_PASSWORD)).statusCode, 200);
});

test('a success resets the count: after the wait and a good login, one typo does not make the user wait again', async (t) => {
  const app = await build(t);
  for (let i = 0; i < 5; i++) await login(app, 'balie', `fout-${i}`);
  assert.equal((await login(app, 'balie', DEMO_PASSWORD)).json().code, 'login_backoff');
  await waitOut(app);
  assert.equal((await login(app, 'balie', DEMO_PASSWORD)).statusCode, 200);
  assert.equal((await login(app, 'balie', 'typfout')).json().code, 'invalid_credentials');
  assert.equal((await login(app, 'balie', DEMO_PASSWORD)).statusCode, 200);
  assert.equal((await app.db.query('SELECT 1 FROM login_throttle')).length, 0);
});

test('one address trying many usernames is slowed down; other addresses and users are not', async (t) => {
  const app = await build(t);
  const free = LoginBackoff.freeFailures.address;
  for (let i = 0; i < free; i++) assert.equal((await login(app, `gebruiker${i}`, 'Welkom01!', '198.51.100.4')).json().code, 'invalid_credentials');
  const sprayed = await login(app, 'wijkteam', DEMO_PASSWORD, '198.51.100.4');
  assert.equal(sprayed.statusCode, 429);
  assert.equal(sprayed.json().code, 'login_backoff');
  assert.equal((await login(app, 'wijkteam', DEMO_PASSWORD, '192.0.2.20')).statusCode, 200);
});

test('an administrator sees the wait as locked and can end it', async (t) => {
  const app = await build(t);
  const admin = await loginAs(app, 'beheer');
  for (let i = 0; i < 5; i++) await login(app, 'wmo', `fout-${i}`, '203.0.113.9');
  const wendy = (await app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json().find((u: { username: string }) => u.username === 'wmo');
  assert.equal(wendy.locked, true);
  const res = await app.inject({ method: 'PATCH', url: `/api/v1/users/${wendy.id}`, headers: { ...admin, 'if-match': `"${wendy.version}"` }, payload: { locked: false } });
  assert.equal(res.json().locked, false);
  assert.equal((await login(app, 'wmo', DEMO_PASSWORD)).statusCode, 200);
});
