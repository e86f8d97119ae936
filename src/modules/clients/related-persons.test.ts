import assert from 'node:assert/strict';
import test from 'node:test';
import { build, createClient, loginAs, TEST_BSNS } from '../../../test/helpers.ts';

test('a desk worker adds a representative and an informal carer, removes one, and each step is audited', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie);
  const url = `/api/v1/clients/${clientId}/persons`;
  const curator = await app.inject({ method: 'POST', url, headers: balie, payload: { kind: 'representative', role: 'curator', name: 'Mr. A. de Wit', phone: '010-1234567' } });
  assert.equal(curator.statusCode, 201, curator.body);
  const carer = await app.inject({ method: 'POST', url, headers: balie, payload: { kind: 'informal_carer', role: 'dochter', name: 'Sanne Jansen' } });
  assert.equal(carer.statusCode, 201, carer.body);
  assert.deepEqual((await app.inject({ method: 'GET', url, headers: balie })).json().map((p: { name: string }) => p.name), ['Sanne Jansen', 'Mr. A. de Wit']);
  const del = await app.inject({ method: 'DELETE', url: `${url}/${carer.json().id}`, headers: balie });
  assert.equal(del.statusCode, 204, del.body);
  assert.deepEqual((await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}`, headers: balie })).json().persons.map((p: { name: string }) => p.name), ['Mr. A. de Wit']);
  const again = await app.inject({ method: 'DELETE', url: `${url}/${carer.json().id}`, headers: balie });
  assert.equal(again.statusCode, 404);
  assert.equal(again.json().code, 'not_found');
  const audit = await app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE client_id = $1 AND action LIKE 'client_person.%' AND outcome = 'success' ORDER BY id`, [clientId]);
  assert.deepEqual(audit.map((a) => a.action), ['client_person.create', 'client_person.create', 'client_person.read', 'client_person.delete']);
});

test('a person needs a name and a known kind; the error names the field', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie);
  const res = await app.inject({ method: 'POST', url: `/api/v1/clients/${clientId}/persons`, headers: balie, payload: { kind: 'representative', name: '' } });
  assert.equal(res.statusCode, 400);
  assert.match(JSON.stringify(res.json()), /name/);
  const kind = await app.inject({ method: 'POST', url: `/api/v1/clients/${clientId}/persons`, headers: balie, payload: { kind: 'neighbour', name: 'Buurman' } });
  assert.equal(kind.statusCode, 400);
  assert.equal(kind.json().field, 'kind');
});

test('someone without a relation cannot list or add the people around a client', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const wijkteam = await loginAs(app, 'wijkteam');
  const clientId = await createClient(app, balie);
  const list = await app.inject({ method: 'GET', url: `/api/v1/clients/${clientId}/persons`, headers: wijkteam });
  const add = await app.inject({ method: 'POST', url: `/api/v1/clients/${clientId}/persons`, headers: wijkteam, payload: { kind: 'household_member', name: 'X' } });
  // Refused by need-to-know (no relation to this client), not by role: both roles may do this for their own clients.
  assert.deepEqual([list.statusCode, list.json().code], [403, 'client_access_denied']);
  assert.deepEqual([add.statusCode, add.json().code], [403, 'client_access_denied']);
});

test('changing the record without persons keeps them; sending persons replaces them', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const clientId = await createClient(app, balie, { persons: [{ kind: 'household_member', role: 'partner', name: 'Kees Jansen' }] });
  let version = 1;
  const put = (body: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/api/v1/clients/${clientId}`, headers: { ...balie, 'if-match': `"${version++}"` },
    payload: { surname: 'Jansen', firstNames: 'Jan', birthDate: '1950-01-01', address: { postcode: '3032ab', houseNumber: 12 }, ...body } });
  const kept = await put({});
  assert.equal(kept.statusCode, 200, kept.body);
  assert.deepEqual(kept.json().persons.map((p: { name: string }) => p.name), ['Kees Jansen']);
  assert.equal(kept.json().address.postcode, '3032 AB');
  assert.equal((await put({ persons: [] })).json().persons.length, 0);
  const bad = await put({ address: { postcode: '303 AB', houseNumber: 12 } });
  assert.equal(bad.statusCode, 400);
  assert.match(JSON.stringify(bad.json()), /address\.postcode/);
});

test('the merges into a record are listed with the merged name and whether they can still be undone', async (t) => {
  const app = await build(t);
  const balie = await loginAs(app, 'balie');
  const withBsn = await createClient(app, balie, { surname: 'Mulder', bsn: TEST_BSNS[0] });
  const without = await createClient(app, balie, { surname: 'Mulder', firstNames: 'Onbekend', birthDate: null });
  const m = await app.inject({ method: 'POST', url: `/api/v1/clients/${withBsn}/merges`, headers: balie, payload: { mergedClientId: without, reason: 'Zelfde persoon, ID-kaart getoond' } });
  assert.equal(m.statusCode, 201, m.body);
  const list = (await app.inject({ method: 'GET', url: `/api/v1/clients/${withBsn}/merges`, headers: balie })).json();
  assert.deepEqual(list.map((x: { id: string; mergedClientName: string; undoable: boolean }) => [x.id, x.mergedClientName, x.undoable]), [[m.json().id, 'O. Mulder', true]]);
  await app.inject({ method: 'POST', url: `/api/v1/client-merges/${m.json().id}/undo`, headers: balie });
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/clients/${withBsn}/merges`, headers: balie })).json()[0].undoable, false);
});

test('a team lead marks a safety-signal notification as read; someone else cannot', async (t) => {
  const app = await build(t);
  const wijkteam = await loginAs(app, 'wijkteam');
  const clientId = await createClient(app, wijkteam, { address: { postcode: '3032 AB', houseNumber: 3 } });
  await app.inject({ method: 'POST', url: '/api/v1/contacts', headers: wijkteam, payload: { clientId, channel: 'home_visit', question: 'Zorgen over veiligheid thuis', outcome: 6 } });
  const lead = await loginAs(app, 'teamleider');
  const [n] = (await app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: lead })).json();
  assert.equal(n.read, false);
  const notHers = await app.inject({ method: 'POST', url: `/api/v1/me/messages/${n.id}/read`, headers: wijkteam });
  assert.deepEqual([notHers.statusCode, notHers.json().code], [404, 'not_found']);
  const read = await app.inject({ method: 'POST', url: `/api/v1/me/messages/${n.id}/read`, headers: lead });
  assert.equal(read.statusCode, 200, read.body);
  assert.equal((await app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: lead })).json()[0].read, true);
});
