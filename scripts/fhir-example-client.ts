/**
 * Example FHIR client for GP practice systems (HIS vendors): gets an OAuth 2.0 token with the
 * client-credentials grant, sends a referral, and reads its status back as a Task.
 *
 *   node scripts/fhir-example-client.ts [file.json] [--url http://localhost:8080] [--client-id …] [--client-secret …] [--new-id]
 *
 * Defaults: the demo practice's API client (README, docs/fhir.md) and test/fixtures/fhir/service-request.json.
 * A Bundle is posted to [base] as a transaction, a ServiceRequest to [base]/ServiceRequest.
 * --new-id gives the referral a fresh identifier; without it, a second run is a retry and returns the first referral.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// biome-ignore lint/suspicious/noExplicitAny: an example reads the JSON answers loosely
type Json = any;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.WEGWIJS_URL ?? 'http://localhost:8080' },
    'client-id': { type: 'string', default: process.env.WEGWIJS_CLIENT_ID ?? 'demo-his-oude-noorden' },
    'client-secret': { type: 'string', default: process.env.WEGWIJS_CLIENT_SECRET ?? 'demo-secret-Wegwijs-FHIR-2026' },
    'new-id': { type: 'boolean', default: false },
  },
});
const file = positionals[0] ?? new URL('../test/fixtures/fhir/service-request.json', import.meta.url).pathname;
const base = `${values.url!.replace(/\/$/, '')}/fhir/r4`;

// 1. Token: POST /oauth/token, form-encoded (RFC 6749 §4.4). Cache it for expires_in seconds in a real HIS.
const tokenRes = await fetch(`${values.url!.replace(/\/$/, '')}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: values['client-id']!, client_secret: values['client-secret']! }),
});
const token: Json = await tokenRes.json();
if (!tokenRes.ok) {
  console.error(`Token refused (${tokenRes.status}):`, token);
  process.exit(1);
}
console.log(`Token: ${token.token_type}, ${token.expires_in} s, scope "${token.scope}"`);

// 2. The referral. Keep ServiceRequest.identifier stable per referral in your system: retrying with it is always safe.
const resource = JSON.parse(readFileSync(file, 'utf8'));
const serviceRequest = resource.resourceType === 'Bundle'
  ? resource.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'ServiceRequest').resource
  : resource;
if (values['new-id']) serviceRequest.identifier[0].value = `${serviceRequest.identifier[0].value}-${Date.now()}`;
const id = serviceRequest.identifier[0];
const sent = await fetch(resource.resourceType === 'Bundle' ? base : `${base}/ServiceRequest`, {
  method: 'POST',
  headers: {
    authorization: `Bearer ${token.access_token}`,
    'content-type': 'application/fhir+json',
    accept: 'application/fhir+json',
    'if-none-exist': `identifier=${id.system}|${id.value}`,
  },
  body: JSON.stringify(resource),
});
const result: Json = await sent.json();
console.log(`\nPOST → ${sent.status} ${sent.statusText}${sent.headers.get('location') ? `\nLocation: ${sent.headers.get('location')}` : ''}`);
console.log(JSON.stringify(result, null, 2));
if (!sent.ok) {
  // An OperationOutcome: each issue names the element (expression) and what is wrong (diagnostics).
  for (const issue of result.issue ?? []) console.error(`  ✗ ${issue.expression?.[0] ?? '(request)'}: ${issue.diagnostics}`);
  process.exit(1);
}

// 3. Feedback: the Task of the referral (Task.id = ServiceRequest.id). Poll it, or register a Subscription.
const srId = result.resourceType === 'Bundle' ? result.entry[0].resource.id : result.id;
const task: Json = await (await fetch(`${base}/Task?based-on=ServiceRequest/${srId}`, { headers: { authorization: `Bearer ${token.access_token}` } })).json();
const t = task.entry?.[0]?.resource;
console.log(`\nTask ${t?.id}: status '${t?.status}' — ${t?.businessStatus?.text ?? ''} (${t?.owner?.display ?? ''})`);
