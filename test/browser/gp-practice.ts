/** The GP practice's system (HIS) in browser tests: a token, a referral sent over real HTTP, and the Task the practice reads back. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO_API_CLIENT } from '../../src/modules/practices/demo.ts';
import type { Ui } from './harness.ts';

/** The practice system: a token from POST /oauth/token with the demo practice's credentials. */
export async function gpToken(u: Ui): Promise<string> {
  const res = await fetch(`${u.baseUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_API_CLIENT.clientId, client_secret: DEMO_API_CLIENT.secret }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { access_token: string }).access_token;
}

const fhirHeaders = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', accept: 'application/fhir+json' });

/**
 * Sends test/fixtures/fhir/service-request.json (patient at postcode 3035 AB: Wijkteam Oude Noorden)
 * with its own identifier and question, and optionally other extensions; returns the ServiceRequest id.
 */
export async function sendReferral(u: Ui, token: string, change: { identifier: string; note: string; extension?: unknown[] }): Promise<string> {
  // biome-ignore lint/suspicious/noExplicitAny: a FHIR JSON fixture, edited for this test
  const sr: any = JSON.parse(readFileSync(new URL('../fixtures/fhir/service-request.json', import.meta.url), 'utf8'));
  assert.equal(sr.contained[0].address[0].postalCode, '3035 AB', 'the fixture routes to Wijkteam Oude Noorden');
  sr.identifier[0].value = change.identifier;
  sr.note[0].text = change.note;
  if (change.extension) sr.extension = change.extension;
  const res = await fetch(`${u.baseUrl}/fhir/r4/ServiceRequest`, { method: 'POST', headers: fhirHeaders(token), body: JSON.stringify(sr) });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

/** What the GP sees: the Task of the referral, found by based-on. */
export async function taskOf(u: Ui, token: string, serviceRequestId: string) {
  const res = await fetch(`${u.baseUrl}/fhir/r4/Task?based-on=ServiceRequest/${serviceRequestId}`, { headers: fhirHeaders(token) });
  assert.equal(res.status, 200, await res.clone().text());
  const bundle = (await res.json()) as { total: number; entry: { resource: { status: string; statusReason?: { text: string }; owner: { display: string };
    output?: { valueString?: string }[] } }[] };
  assert.equal(bundle.total, 1);
  return bundle.entry[0]!.resource;
}
