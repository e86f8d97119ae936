import assert from 'node:assert/strict';
import test from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, build, createClient, loginAs, TEST_BSNS } from '../../../test/helpers.ts';

const search = (app: FastifyInstance, h: AuthHeaders, body: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/client-searches', headers: h, payload: body });
const names = (res: { json: () => { displayName: string }[] }) => res.json().map((h) => h.displayName).sort();

async function seed(app: FastifyInstance, h: AuthHeaders) {
  await createClient(app, h, { surname: 'Berg', surnamePrefix: 'van der', firstNames: 'Piet', birthDate: '1955-05-05', bsn: TEST_BSNS[0] });
  await createClient(app, h, { surname: 'Janssen', firstNames: 'Ria', birthDate: '1962-06-06', address: { postcode: '3011 AB', houseNumber: 4 } });
  await createClient(app, h, { surname: 'Jansen', firstNames: 'Jan', birthDate: '1950-01-01' });
  await createClient(app, h, { surname: 'Şahin', firstNames: 'Emre', birthDate: '1988-08-08' });
}

test('a client is found by surname with or without "van der", by surname prefix, and regardless of diacritics', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await seed(app, balie);
  assert.deepEqual(names(await search(app, balie, { name: 'van der Berg' })), ['P. van der Berg']);
  assert.deepEqual(names(await search(app, balie, { name: 'Berg' })), ['P. van der Berg']);
  assert.deepEqual(names(await search(app, balie, { name: 'jans' })), ['J. Jansen', 'R. Janssen']);
  assert.deepEqual(names(await search(app, balie, { name: 'sahin' })), ['E. Şahin']);
  assert.deepEqual(names(await search(app, balie, { name: 'Jans', firstName: 'ria' })), ['R. Janssen']);
});

test('a typo in the surname still finds the client', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await seed(app, balie);
  assert.deepEqual(names(await search(app, balie, { name: 'Jannsen', birthDate: '1962-06-06' })), ['R. Janssen']);
  assert.ok(names(await search(app, balie, { name: 'Sahinn' })).includes('E. Şahin'));
});

test('a client is found by BSN, by birth date and by postcode with house number', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  await seed(app, balie);
  assert.deepEqual(names(await search(app, balie, { bsn: TEST_BSNS[0] })), ['P. van der Berg']);
  assert.deepEqual(names(await search(app, balie, { birthDate: '1950-01-01' })), ['J. Jansen']);
  assert.deepEqual(names(await search(app, balie, { postcode: '3011ab', houseNumber: 4 })), ['R. Janssen']);
});

test('a search without any criterion or with an invalid BSN is refused', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const empty = await search(app, balie, {});
  assert.equal(empty.statusCode, 400);
  assert.equal(empty.json().code, 'validation');
  const res = await search(app, balie, { bsn: '123456789' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().field, 'bsn');
});

test('a team worker only finds the clients their team is involved with', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const zuid = await loginAs(app, 'wijkteam2');
  await createClient(app, wijkteam, { surname: 'Dekker', birthDate: '1970-07-07' });
  assert.equal((await search(app, wijkteam, { name: 'Dekker' })).json().length, 1);
  assert.deepEqual((await search(app, zuid, { name: 'Dekker', birthDate: '1970-07-07' })).json(), []);
});

test('a desk worker sees that a client exists elsewhere only when searching by an exact key, with no details', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, wijkteam, { surname: 'Dekker', firstNames: 'Dirk', birthDate: '1970-07-07', bsn: TEST_BSNS[1], address: { postcode: '3031 AA', houseNumber: 1 } });
  assert.deepEqual((await search(app, balie, { name: 'Dekker' })).json(), [], 'a surname alone does not reveal anyone');
  for (const key of [{ name: 'Dekker', birthDate: '1970-07-07' }, { bsn: TEST_BSNS[1] }, { postcode: '3031 AA', houseNumber: 1 }]) {
    const hits = (await search(app, balie, key)).json();
    assert.deepEqual(hits, [{ id, visibility: 'exists', displayName: 'D. Dekker', birthDate: '1970', bsnMasked: null, address: null, registeredAt: ['Wijkteam Oude Noorden'] }]);
  }
});

test('every search is audited with the ids it showed, not the search terms', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const id = await createClient(app, balie, { surname: 'Smit', birthDate: '1980-01-01', bsn: TEST_BSNS[2] });
  await search(app, balie, { bsn: TEST_BSNS[2] });
  const [row] = await app.db.query<{ details: { clientIds: string[]; criteria: string[] } }>(`SELECT details FROM audit_log WHERE action = 'client.search'`);
  assert.deepEqual(row!.details.clientIds, [id]);
  assert.deepEqual(row!.details.criteria, ['bsn']);
  assert.ok(!JSON.stringify(row!.details).includes(TEST_BSNS[2]!));
});
