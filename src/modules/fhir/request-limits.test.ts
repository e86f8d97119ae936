import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { build } from '../../../test/helpers.ts';
import { bearer, fixture, tokenFor } from './fhir-test-helpers.ts';
import { FHIR_BODY_LIMIT } from './routes.ts';
import { sizeProblem, StructureLimits } from './schema-validator.ts';

const post = (app: FastifyInstance, token: string, body: unknown) =>
  app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: JSON.stringify(body) });

/** The example referral plus `n` contained Patients, each with `values` invalid given names (each one a schema error). */
function withInvalidPatients(n: number, values: number) {
  const sr = fixture('service-request');
  for (let i = 0; i < n; i++) sr.contained.push({ resourceType: 'Patient', id: `p${i}`, name: [{ given: Array.from({ length: values }, () => 1) }] });
  return sr;
}

test('a GP system that sends too much gets 413 at once: a body over the limit, too many resources, too many elements', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const huge = fixture('service-request');
  huge.note[0].text = 'x'.repeat(FHIR_BODY_LIMIT);
  const tooBig = await post(app, token, huge);
  assert.equal(tooBig.statusCode, 413);
  assert.equal(tooBig.json().resourceType, 'OperationOutcome');
  assert.equal(tooBig.json().issue[0].code, 'too-costly');
  assert.equal(tooBig.json().issue[0].details.coding[0].code, 'payload_too_large');

  // The probe of issue 14: a thousand invalid contained Patients took 19 seconds of one CPU.
  const started = performance.now();
  const many = await post(app, token, withInvalidPatients(1_000, 1));
  assert.equal(many.statusCode, 413);
  assert.equal(many.json().issue[0].details.coding[0].code, 'fhir_too_large');
  assert.match(many.json().issue[0].diagnostics, /many resources/);
  assert.ok(performance.now() - started < 1_000, 'refused before any schema work');

  const wide = await post(app, token, withInvalidPatients(1, StructureLimits.values));
  assert.equal(wide.statusCode, 413);
  assert.match(wide.json().issue[0].diagnostics, /many elements/);

  // Written as text: too deep for JSON.stringify, not for JSON.parse.
  const deep = `{"resourceType":"ServiceRequest","extension":${'{"extension":'.repeat(10_000)}{}${'}'.repeat(10_001)}`;
  const nested = await app.inject({ method: 'POST', url: '/fhir/r4/ServiceRequest', headers: bearer(token), payload: deep });
  assert.equal(nested.statusCode, 413);
  assert.match(nested.json().issue[0].diagnostics, /deeply nested/);

  // The token endpoint has its own, small limit, answered as problem+json.
  const form = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=client_credentials&client_id=${'a'.repeat(10_000)}` });
  assert.equal(form.statusCode, 413);
  assert.match(String(form.headers['content-type']), /^application\/problem\+json/);
  assert.equal(form.json().code, 'payload_too_large');
});

test('a referral full of errors gets the first 20, not thousands', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  const res = await post(app, token, withInvalidPatients(3, 500));
  assert.equal(res.statusCode, 400);
  const issues = res.json().issue;
  assert.equal(issues.length, StructureLimits.issues + 1);
  assert.deepEqual(issues[0].expression, ['ServiceRequest.contained[5].name[0].given[0]']);
  assert.deepEqual({ severity: issues.at(-1).severity, code: issues.at(-1).code }, { severity: 'information', code: 'too-costly' });
});

test('the server keeps answering (GET /health within 100 ms) while the worst accepted referral is validated', async (t) => {
  const app = await build(t);
  const token = await tokenFor(app);
  // Over a real socket, as a GP system and a load balancer would call it.
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const resources = fixture('service-request').contained.length + 1;
  // The largest requests the limits let through: the most resources, or one resource with the most elements, all invalid.
  const worst = [
    withInvalidPatients(StructureLimits.resources - resources, Math.floor(StructureLimits.values / StructureLimits.resources) - 10),
    withInvalidPatients(1, StructureLimits.values - 300),
  ];
  // Once before measuring: the first request of a process compiles code paths that later requests reuse.
  await fetch(`${base}/fhir/r4/ServiceRequest`, { method: 'POST', headers: bearer(token), body: JSON.stringify(worst[1]) });
  for (const body of worst) {
    assert.equal(sizeProblem(body), null, 'accepted by the limits');
    assert.ok(JSON.stringify(body).length < FHIR_BODY_LIMIT);
    let done = false;
    const sending = fetch(`${base}/fhir/r4/ServiceRequest`, { method: 'POST', headers: bearer(token), body: JSON.stringify(body) }).finally(() => { done = true; });
    // A wait counts as blocked when it took 100 ms of wall time and our process spent that time computing: on a
    // machine so busy that the process waits for a CPU, wall time alone would measure the machine, not Wegwijs.
    const waits: { wall: number; cpu: number }[] = [];
    while (!done) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const health = await fetch(`${base}/health`);
      const c = process.cpuUsage(c0);
      waits.push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 });
      assert.equal(health.status, 200);
    }
    assert.equal((await sending).status, 400);
    const slowest = waits.reduce((a, w) => (Math.min(w.wall, w.cpu) > Math.min(a.wall, a.cpu) ? w : a));
    assert.ok(Math.min(slowest.wall, slowest.cpu) < 100, `slowest /health: ${Math.round(slowest.wall)} ms, of which ${Math.round(slowest.cpu)} ms CPU`);
  }
});
