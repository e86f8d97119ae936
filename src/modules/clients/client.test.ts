import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs, TEST_BSNS } from '../../../test/helpers.ts';

const anna = { bsn: TEST_BSNS[0], firstNames: 'Anna Maria', surnamePrefix: 'de', surname: 'Vries', birthDate: '1948-03-12', gender: '2',
  address: { postcode: '3032 ab', houseNumber: 12, houseNumberAddition: 'B', city: 'Rotterdam' }, phone: '010-1234567',
  preferredLanguage: 'nl', communicationNeeds: ['easy_read'],
  persons: [{ kind: 'informal_carer', role: 'dochter', name: 'Els de Vries', phone: '06-12345678' }, { kind: 'representative', role: 'bewindvoerder', name: 'Bewind BV' }] };

test('a desk worker registers a client with address, carers and representatives, and sees the BSN masked', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: anna });
  assert.equal(res.statusCode, 201, res.body);
  const c = res.json();
  assert.equal(c.bsnMasked, '*****2333');
  assert.equal(c.displayName, 'A.M. de Vries');
  assert.deepEqual(c.address, { postcode: '3032 AB', houseNumber: 12, houseNumberAddition: 'B', street: null, city: 'Rotterdam' });
  assert.equal(c.proposedTeam.name, 'Wijkteam Oude Noorden');
  assert.equal(c.persons.length, 2);
  assert.equal(c.bsn, undefined);
  const got = await app.inject({ method: 'GET', url: `/api/v1/clients/${c.id}`, headers: balie });
  assert.equal(got.json().persons[0].name, 'Els de Vries');
  const reveal = await app.inject({ method: 'POST', url: `/api/v1/clients/${c.id}/bsn-disclosures`, headers: balie });
  assert.equal(reveal.json().bsn, TEST_BSNS[0]);
});

test('someone without a fixed address and without a BSN can be registered with a contact point', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie,
    payload: { surname: 'Onbekend', firstNames: 'Piet', noFixedAddress: true, contactPoint: 'Dagopvang Pauluskerk' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().noFixedAddress, true);
  assert.equal(res.json().bsnMasked, null);
});

const invalid: [string, Record<string, unknown>, string][] = [
  ['an invalid BSN', { bsn: '123456789' }, 'bsn'],
  ['a malformed postcode', { address: { postcode: '301 AB', houseNumber: 1 } }, 'address.postcode'],
  ['a birth date in the future', { birthDate: '2999-01-01' }, 'birthDate'],
  ['an address and "no fixed address" at once', { noFixedAddress: true, address: { postcode: '3011 AB', houseNumber: 1 } }, 'address'],
  ['a team the worker is not a member of', { teamId: '00000000-0000-4000-8000-000000000000' }, 'teamId'],
];
for (const [what, body, field] of invalid) {
  test(`registration is refused with ${what}, naming the field, and nothing is stored`, async (t) => {
    const app = await build(t);
    const balie = await loginAs(app, 'balie');
    const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: { surname: 'Fout', ...body } });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().field, field);
    assert.equal((await app.db.query("SELECT 1 FROM clients WHERE surname = 'Fout'")).length, 0);
  });
}

test('a probable duplicate (same name and birth date) is warned about before a second record is made', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wijkteam = await loginAs(app, 'wijkteam');
  const first = await createClient(app, wijkteam, { surname: 'Çelik', firstNames: 'Ayse', birthDate: '1970-05-05', duplicateAcknowledged: false });
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: { surname: 'celik', firstNames: 'Ayşe', birthDate: '1970-05-05' } });
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().code, 'probable_duplicate');
  assert.deepEqual(res.json().duplicates.map((d: { id: string; visibility: string; birthDate: string }) => [d.id, d.visibility, d.birthDate]), [[first, 'exists', '1970']]);
  assert.deepEqual(res.json().duplicates[0].registeredAt, ['Wijkteam Oude Noorden']);
  const again = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie,
    payload: { surname: 'celik', firstNames: 'Ayşe', birthDate: '1970-05-05', duplicateAcknowledged: true } });
  assert.equal(again.statusCode, 201);
});

test('a second record with the same BSN is refused', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await createClient(app, balie, { bsn: TEST_BSNS[1] });
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers: balie, payload: { surname: 'Ander', bsn: TEST_BSNS[1] } });
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().code, 'duplicate_bsn');
});

test('registering twice with the same idempotency key gives one client, also when sent at the same time', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const send = (key: string) => app.inject({ method: 'POST', url: '/api/v1/clients', headers: { ...balie, 'idempotency-key': key },
    payload: { surname: 'Eenmaal', birthDate: key.includes('concurrent') ? '1991-01-01' : '1990-01-01' } });
  const a = await send('key-sequential-1');
  const b = await send('key-sequential-1');
  assert.equal(a.statusCode, 201);
  assert.equal(b.statusCode, 201);
  assert.equal(a.json().id, b.json().id);
  const [c, d] = await Promise.all([send('key-concurrent-1'), send('key-concurrent-1')]);
  assert.deepEqual([c.statusCode, d.statusCode], [201, 201]);
  assert.equal(c.json().id, d.json().id, `${c.body} ${d.body}`);
  const rows = await app.db.query("SELECT id FROM clients WHERE surname = 'Eenmaal'");
  assert.equal(rows.length, 2, 'one per key');
});

test('a team worker not involved with a client cannot open it, and break-the-glass with a reason opens it', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const zuid = await loginAs(app, 'wijkteam2');
  const id = await createClient(app, balie);
  const denied = await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: zuid });
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().code, 'client_access_denied');
  const bg = await app.inject({ method: 'POST', url: `/api/v1/clients/${id}/break-glass`, headers: zuid, payload: { reason: 'Acute crisis, cliënt belt in paniek' } });
  assert.equal(bg.statusCode, 201);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${id}`, headers: zuid })).statusCode, 200);
});

test('the record can be changed; the BSN can be added but not replaced', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie);
  const put = (body: Record<string, unknown>, version: number) => app.inject({ method: 'PUT', url: `/api/v1/clients/${id}`, headers: { ...balie, 'if-match': `"${version}"` },
    payload: { surname: 'Jansen', birthDate: '1950-01-01', ...body } });
  const ok = await put({ bsn: TEST_BSNS[2], email: 'jan@example.nl' }, 1);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().bsnMasked, '*****9990');
  const no = await put({ bsn: TEST_BSNS[3] }, 2);
  assert.equal(no.statusCode, 409);
  assert.equal(no.json().code, 'bsn_change');
  assert.equal(no.json().field, 'bsn');
});
