import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { loginAs } from '../../../test/helpers.ts';
import { DEMO_API_CLIENT } from '../practices/demo.ts';

/** A FHIR example from test/fixtures/fhir/, parsed afresh (tests may change it). */
// biome-ignore lint/suspicious/noExplicitAny: FHIR JSON fixtures are edited freely in tests
export function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/fhir/${name}.json`, import.meta.url), 'utf8'));
}

/** A bearer token for the demo practice (or the given client), via POST /oauth/token. */
export async function tokenFor(app: FastifyInstance, client = { clientId: DEMO_API_CLIENT.clientId, secret: DEMO_API_CLIENT.secret }, scope?: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.secret, ...(scope ? { scope } : {}) }).toString() });
  if (res.statusCode !== 200) throw new Error(`token failed: ${res.statusCode} ${res.body}`);
  return res.json().access_token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' });

/** Registers a second practice with an API client through the admin API; returns its credentials. */
export async function registerPractice(app: FastifyInstance, name: string, agbCode: string, scopes?: string[]) {
  const admin = await loginAs(app, 'beheer');
  const p = await app.inject({ method: 'POST', url: '/api/v1/practices', headers: admin, payload: { name, agbCode } });
  if (p.statusCode !== 201) throw new Error(`practice: ${p.statusCode} ${p.body}`);
  const c = await app.inject({ method: 'POST', url: `/api/v1/practices/${p.json().id}/api-clients`, headers: admin, payload: { name: `${name} HIS`, ...(scopes ? { scopes } : {}) } });
  if (c.statusCode !== 201) throw new Error(`api client: ${c.statusCode} ${c.body}`);
  return { practiceId: p.json().id as string, apiClientId: c.json().id as string, clientId: c.json().clientId as string, secret: c.json().clientSecret as string };
}
