import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build, createClient, loginAs, TEST_BSNS } from '../../../test/helpers.ts';

test('registering a known BSN tells a team worker only that a record exists, and the desk worker who it is; both audited', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const existing = await createClient(app, balie, { surname: 'Bakker', birthDate: '1972-04-04', bsn: TEST_BSNS[1] });

  const wijkteam2 = await loginAs(app, 'wijkteam2');
  const team = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: wijkteam2, payload: { surname: 'Anders', bsn: TEST_BSNS[1] } });
  assert.equal(team.statusCode, 409, team.body);
  assert.equal(team.json().code, 'record_exists');
  assert.equal(team.json().duplicates, undefined, 'no name, birth year or teams of the existing client');
  assert.doesNotMatch(team.body, /Bakker|1972|Centrum/);
  assert.match(team.json().detail, /loket/);

  const desk = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: { surname: 'Anders', bsn: TEST_BSNS[1] } });
  assert.equal(desk.statusCode, 409);
  assert.equal(desk.json().code, 'duplicate_bsn');
  assert.equal(desk.json().duplicates[0].id, existing);

  const rows = await app.db.query<{ outcome: string; details: { code: string; existingClientIds?: string[]; disclosedClientIds?: string[] } }>(
    `SELECT outcome, details FROM audit_log WHERE action = 'client.create' AND outcome <> 'success' ORDER BY id`);
  assert.deepEqual(rows.map((r) => [r.details.code, r.details.existingClientIds ?? r.details.disclosedClientIds]),
    [['record_exists', [existing]], ['duplicate_bsn', [existing]]]);
});

test('a team worker registering a probable duplicate (same name and birth date) learns nothing about the existing record', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await createClient(app, balie, { surname: 'Bakker', birthDate: '1972-04-04' });
  const wijkteam = await loginAs(app, 'wijkteam');
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: wijkteam, payload: { surname: 'Bakker', birthDate: '1972-04-04' } });
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().code, 'probable_duplicate');
  assert.equal(res.json().duplicates, undefined);
  const ack = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: wijkteam, payload: { surname: 'Bakker', birthDate: '1972-04-04', duplicateAcknowledged: true } });
  assert.equal(ack.statusCode, 201, 'a different person with the same name and birth date can still be registered');
});

test('a surname of only wildcards is no search key: it cannot list everyone born on a day', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wijkteam = await loginAs(app, 'wijkteam');
  // Someone the desk worker is not involved with, born on the searched day.
  await createClient(app, wijkteam, { surname: 'Smit', birthDate: '1970-01-01' });
  const search = (name: string) => app.inject({ method: 'POST', url: '/api/v1/client-searches', headers: balie, payload: { name, birthDate: '1970-01-01' } });
  const wild = await search('%%');
  assert.equal(wild.statusCode, 200);
  assert.deepEqual(wild.json(), [], 'no "exists" hits without a real surname');
  const real = await search('Smit');
  assert.deepEqual(real.json().map((h: { visibility: string }) => h.visibility), ['exists'], 'a real surname with the birth date is an exact key');
  const onlyWild = await app.inject({ method: 'POST', url: '/api/v1/client-searches', headers: balie, payload: { name: '%_%' } });
  assert.equal(onlyWild.statusCode, 400);
  assert.equal(onlyWild.json().field, 'name');
});

test('birth dates before 1900 or in the future are refused, naming the field', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  for (const birthDate of ['0001-01-01', '1899-12-31', '2999-01-01']) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: { surname: 'Jansen', birthDate } });
    assert.equal(res.statusCode, 400, birthDate);
    assert.equal(res.json().code, 'validation');
    assert.equal(res.json().field, 'birthDate');
  }
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: { surname: 'Jansen', birthDate: '1900-01-01' } })).statusCode, 201);
});

test('a contact dated in the future or before the configured start is refused and creates no Wmo notification', async (t) => {
  const app = await build(t, { WEGWIJS_RECORDS_FROM: '2020-01-01' });
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { address: { postcode: '3031 AB', houseNumber: 5 } });
  const contact = (contactedAt: string) => app.inject({ method: 'POST', url: '/api/v1/contacts', headers: balie,
    payload: { clientId, channel: 'phone', question: 'Hulp bij het huishouden', outcome: 3, contactedAt } });
  const future = await contact('2099-01-01T10:00:00Z');
  assert.equal(future.statusCode, 400);
  assert.equal(future.json().field, 'contactedAt');
  const early = await contact('2019-12-31T10:00:00Z');
  assert.equal(early.statusCode, 400);
  assert.equal(early.json().field, 'contactedAt');
  assert.match(early.json().detail, /2020-01-01/);
  const [n] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM wmo_notifications WHERE client_id = $1', [clientId]);
  assert.equal(n?.n, 0);
  const skew = await contact(new Date(Date.now() + 60_000).toISOString());
  assert.equal(skew.statusCode, 201, `a minute of clock skew is fine: ${skew.body}`);
});
