import assert from 'node:assert/strict';
import test from 'node:test';
import { loginAs } from '../../../test/helpers.ts';
import { acceptedTrajectory, type TrajectoryCase } from '../../../test/trajectory-case.ts';

const referUrl = (id: string) => `/api/v1/trajectories/${id}/onward-referrals`;
const handoverUrl = (id: string) => `/api/v1/trajectories/${id}/handovers`;
const coordination = (c: TrajectoryCase, headers = c.wim) => c.app.inject({ method: 'GET', url: `/api/v1/trajectories/${c.trajectoryId}/coordination`, headers });
const escalation = { direction: 'escalate', party: 'veilig_thuis', partyName: 'Veilig Thuis Rotterdam Rijnmond', reason: 'Acute zorg om de veiligheid van de kinderen',
  handedOver: 'Signalen, het gezinsplan en de afspraken met moeder', confirmedBy: 'J. de Vries (Veilig Thuis)' };

test('the team refers a client on to 2nd-line care and follows it from requested to active to ended; the team keeps coordination', async (t) => {
  const c = await acceptedTrajectory(t);
  const created = await c.app.inject({ method: 'POST', url: referUrl(c.trajectoryId), headers: c.wim, payload: {
    kind: 'second_line', organisation: 'GGZ Delfland', purpose: 'Behandeling van een depressie', referredOn: '2026-02-01', contact: 'A. Jansen, 010-1234567' } });
  assert.equal(created.statusCode, 201, created.body);
  const view = created.json();
  assert.equal(view.teamName, 'Wijkteam Oude Noorden');
  assert.equal(view.professionalName, 'Wim Wijkteam');
  const [ref] = view.onwardReferrals;
  assert.deepEqual([ref.organisation, ref.status, ref.allowedNext, ref.notification], ['GGZ Delfland', 'requested', ['start', 'end'], null]);

  const start = await c.app.inject({ method: 'POST', url: `/api/v1/onward-referrals/${ref.id}/actions`, headers: c.wim, payload: { type: 'start', on: '2026-02-10' } });
  assert.equal(start.statusCode, 201, start.body);
  assert.deepEqual([start.json().onwardReferrals[0].status, start.json().onwardReferrals[0].allowedNext], ['active', ['end']]);
  const again = await c.app.inject({ method: 'POST', url: `/api/v1/onward-referrals/${ref.id}/actions`, headers: c.wim, payload: { type: 'start' } });
  assert.deepEqual([again.statusCode, again.json().code, again.json().allowed], [409, 'onward_referral_status', ['end']]);
  assert.match(again.json().detail, /allowed: end/);
  const end = await c.app.inject({ method: 'POST', url: `/api/v1/onward-referrals/${ref.id}/actions`, headers: c.wim,
    payload: { type: 'end', note: 'Behandeling afgerond' } });
  assert.deepEqual(end.json().onwardReferrals[0].actions.map((a: { type: string }) => a.type), ['requested', 'started', 'ended']);
  const ended = await c.app.inject({ method: 'POST', url: `/api/v1/onward-referrals/${ref.id}/actions`, headers: c.wim, payload: { type: 'end' } });
  assert.deepEqual([ended.statusCode, ended.json().code, ended.json().allowed], [409, 'onward_referral_status', []]);

  const audit = await c.app.db.query<{ action: string; client_id: string }>(`SELECT action, client_id FROM audit_log WHERE action LIKE 'trajectory.onward_referral.%' AND outcome = 'success' ORDER BY id`);
  assert.deepEqual(audit.map((a) => a.action), ['trajectory.onward_referral.create', 'trajectory.onward_referral.start', 'trajectory.onward_referral.end']);
  assert.ok(audit.every((a) => a.client_id === c.clientId));
});

test('a referral to an indication makes a Wmo melding in the Wmo inbox and shows its status on the case', async (t) => {
  const c = await acceptedTrajectory(t);
  const created = await c.app.inject({ method: 'POST', url: referUrl(c.trajectoryId), headers: { ...c.wim, 'idempotency-key': 'onward-key-1' },
    payload: { kind: 'indication', law: 'wmo', purpose: 'Huishoudelijke hulp: moeder kan na de operatie het huis niet schoonhouden' } });
  assert.equal(created.statusCode, 201, created.body);
  const [ref] = created.json().onwardReferrals;
  assert.equal(ref.notification.law, 'wmo');
  assert.equal(ref.notification.status, 'notified');
  // A retry with the same key makes no second melding.
  const retry = await c.app.inject({ method: 'POST', url: referUrl(c.trajectoryId), headers: { ...c.wim, 'idempotency-key': 'onward-key-1' },
    payload: { kind: 'indication', law: 'wmo', purpose: 'Huishoudelijke hulp: moeder kan na de operatie het huis niet schoonhouden' } });
  assert.equal(retry.json().onwardReferrals.length, 1);
  const wendy = await loginAs(c.app, 'wmo');
  const melding = await c.app.inject({ method: 'GET', url: `/api/v1/wmo-notifications/${ref.notification.id}`, headers: wendy });
  assert.equal(melding.statusCode, 200, melding.body);
  assert.equal(melding.json().clientId, c.clientId);
  assert.equal(melding.json().channel, 'neighbourhood_team');
});

test('a referral to a Jeugdwet indication makes a Jeugdwet melding in the CJG\'s inbox, linked to the case', async (t) => {
  const c = await acceptedTrajectory(t);
  const created = await c.app.inject({ method: 'POST', url: referUrl(c.trajectoryId), headers: c.wim,
    payload: { kind: 'indication', law: 'jeugdwet', purpose: 'Specialistische jeugdhulp voor de zoon' } });
  assert.equal(created.statusCode, 201, created.body);
  const [ref] = created.json().onwardReferrals;
  assert.deepEqual([ref.notification.law, ref.notification.status, ref.organisation], ['jeugdwet', 'notified', null]);
  const wendy = await loginAs(c.app, 'wmo');
  const melding = (await c.app.inject({ method: 'GET', url: `/api/v1/wmo-notifications/${ref.notification.id}`, headers: wendy })).json();
  assert.equal(melding.inboxTeamName, 'CJG Rotterdam-Rijnmond');
});

test('an onward referral names what is missing: the organisation for 2nd-line care, the law for an indication', async (t) => {
  const c = await acceptedTrajectory(t);
  const post = (payload: Record<string, unknown>) => c.app.inject({ method: 'POST', url: referUrl(c.trajectoryId), headers: c.wim, payload });
  const noOrg = await post({ kind: 'second_line', purpose: 'Schuldhulpverlening' });
  assert.deepEqual([noOrg.statusCode, noOrg.json().field], [400, 'organisation']);
  const noLaw = await post({ kind: 'indication', purpose: 'Begeleiding' });
  assert.deepEqual([noLaw.statusCode, noLaw.json().field], [400, 'law']);
  const future = await post({ kind: 'second_line', organisation: 'Kredietbank', purpose: 'Schuldhulpverlening', referredOn: '2999-01-01' });
  assert.deepEqual([future.statusCode, future.json().code, future.json().field], [400, 'date_in_future', 'referredOn']);
  assert.equal((await coordination(c)).json().onwardReferrals.length, 0);
});

test('escalating to Veilig Thuis links the open safety record; the text is sealed for a colleague not on its case; step-down closes the escalation', async (t) => {
  const c = await acceptedTrajectory(t);
  const signal = await c.app.inject({ method: 'POST', url: '/api/v1/contacts', headers: c.wim,
    payload: { clientId: c.clientId, channel: 'home_visit', question: 'Dochter vertelt over geweld thuis', lifeDomains: ['domestic_violence'], outcome: 6 } });
  assert.equal(signal.statusCode, 201, signal.body);
  const records = (await c.app.inject({ method: 'GET', url: '/api/v1/safety-records', headers: c.wim })).json() as { id: string; clientId: string }[];
  const recordId = records.find((r) => r.clientId === c.clientId)!.id;

  const up = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: c.wim, payload: escalation });
  assert.equal(up.statusCode, 201, up.body);
  assert.deepEqual(up.json().escalatedTo, ['veilig_thuis']);
  assert.deepEqual(up.json().handovers[0].safetyRecord, { id: recordId, mayOpen: true });
  assert.equal(up.json().handovers[0].reason, escalation.reason);
  const twice = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: c.wim, payload: escalation });
  assert.deepEqual([twice.statusCode, twice.json().code], [409, 'handover_already_escalated']);

  // Wendy works in the team and sees the case, but not the sealed safety record nor the hand-over's text.
  const wendy = await loginAs(c.app, 'wmo');
  const seen = (await coordination(c, wendy)).json();
  assert.deepEqual([seen.handovers[0].sealed, seen.handovers[0].reason, seen.handovers[0].handedOver, seen.handovers[0].safetyRecord.mayOpen], [true, null, null, false]);
  assert.equal(seen.handovers[0].confirmedBy, escalation.confirmedBy);
  const record = await c.app.inject({ method: 'GET', url: `/api/v1/safety-records/${recordId}`, headers: wendy });
  assert.deepEqual([record.statusCode, record.json().code], [403, 'sealed_record']);

  const down = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: c.wim, payload: { ...escalation, direction: 'step_down',
    reason: 'Veiligheid is hersteld; vrijwillige hulp kan verder', handedOver: 'Veiligheidsplan en de vervolgafspraken', confirmedBy: 'Wim Wijkteam' } });
  assert.equal(down.statusCode, 201, down.body);
  assert.deepEqual(down.json().escalatedTo, []);
  assert.deepEqual(down.json().handovers.map((h: { direction: string; safetyRecord: { id: string } | null }) => [h.direction, h.safetyRecord?.id]),
    [['escalate', recordId], ['step_down', recordId]]);
  const again = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: c.wim, payload: { ...escalation, direction: 'step_down' } });
  assert.deepEqual([again.statusCode, again.json().code], [409, 'handover_not_escalated']);
});

test('a specialised team without a safety record: escalate and step down, stepping down first is refused', async (t) => {
  const c = await acceptedTrajectory(t);
  const specialised = { ...escalation, party: 'specialised_team', partyName: 'Multiprobleemteam Noord' };
  const first = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: c.wim, payload: { ...specialised, direction: 'step_down' } });
  assert.deepEqual([first.statusCode, first.json().code], [409, 'handover_not_escalated']);
  const up = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: c.wim, payload: specialised });
  assert.equal(up.statusCode, 201, up.body);
  assert.equal(up.json().handovers[0].safetyRecord, null);
  assert.deepEqual(up.json().allowedHandovers, [{ direction: 'escalate', party: 'veilig_thuis' }, { direction: 'step_down', party: 'specialised_team' }]);
  const noName = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: c.wim, payload: { ...specialised, confirmedBy: '' } });
  assert.deepEqual([noName.statusCode, noName.json().field], [400, 'confirmedBy']);
});

test('the same Idempotency-Key records a hand-over once, also when sent twice at the same moment', async (t) => {
  const c = await acceptedTrajectory(t);
  const send = () => c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: { ...c.wim, 'idempotency-key': 'handover-key-1' }, payload: escalation });
  const [a, b] = await Promise.all([send(), send()]);
  assert.deepEqual([a.statusCode, b.statusCode], [201, 201]);
  assert.equal((await send()).json().handovers.length, 1);
  const changed = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: { ...c.wim, 'idempotency-key': 'handover-key-1' },
    payload: { ...escalation, party: 'specialised_team' } });
  assert.deepEqual([changed.statusCode, changed.json().code], [409, 'idempotency_key_reused']);
});

test('a worker without access to the client can neither see nor record casusregie (client_access_denied, audited)', async (t) => {
  const c = await acceptedTrajectory(t);
  const zara = await loginAs(c.app, 'wijkteam2');
  const read = await coordination(c, zara);
  assert.deepEqual([read.statusCode, read.json().code], [403, 'client_access_denied']);
  const refer = await c.app.inject({ method: 'POST', url: referUrl(c.trajectoryId), headers: zara, payload: { kind: 'second_line', organisation: 'GGZ', purpose: 'Behandeling' } });
  assert.deepEqual([refer.statusCode, refer.json().code], [403, 'client_access_denied']);
  const handover = await c.app.inject({ method: 'POST', url: handoverUrl(c.trajectoryId), headers: zara, payload: escalation });
  assert.deepEqual([handover.statusCode, handover.json().code], [403, 'client_access_denied']);
  const denied = await c.app.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE outcome = 'denied' AND client_id = $1 ORDER BY id`, [c.clientId]);
  assert.deepEqual(denied.map((d) => d.action), ['trajectory.coordination.read', 'trajectory.onward_referral.create', 'trajectory.handover.escalate']);
});

test('a closed trajectory takes no new onward referral or hand-over (409 trajectory_closed)', async (t) => {
  const c = await acceptedTrajectory(t);
  const { version } = (await c.app.inject({ method: 'GET', url: `/api/v1/trajectories/${c.trajectoryId}`, headers: c.wim })).json();
  const close = await c.app.inject({ method: 'POST', url: `/api/v1/trajectories/${c.trajectoryId}/close`, headers: { ...c.wim, 'if-match': `"${version}"` },
    payload: { outcome: 'client_stopped' } });
  assert.equal(close.statusCode, 200, close.body);
  const refer = await c.app.inject({ method: 'POST', url: referUrl(c.trajectoryId), headers: c.wim, payload: { kind: 'second_line', organisation: 'GGZ', purpose: 'Behandeling' } });
  assert.deepEqual([refer.statusCode, refer.json().code], [409, 'trajectory_closed']);
  const view = (await coordination(c)).json();
  assert.deepEqual([view.mayAct, view.allowedHandovers], [false, []]);
});
