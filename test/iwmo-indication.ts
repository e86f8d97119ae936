import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { type AuthHeaders, loginAs } from './helpers.ts';
import { decisionBody } from './wmo-decision.ts';

/** The demo melding of Sandra Willems (BSN 999990068) decided, and an indication of 3 hours a week of 01A01 at Thuiszorg Maasoever. */
export async function indicated(app: FastifyInstance) {
  const wmo: AuthHeaders = await loginAs(app, 'wmo');
  const inbox = (await app.inject({ method: 'GET', url: '/api/v1/wmo-notifications', headers: wmo })).json() as { id: string; clientName: string }[];
  const notificationId = inbox.find((n) => n.clientName.includes('Willems'))!.id;
  for (const type of ['assign', 'startAssessment', 'recordReport', 'receiveApplication', 'decide']) {
    const payload = type === 'decide' ? await decisionBody(app, wmo) : { type };
    const res = await app.inject({ method: 'POST', url: `/api/v1/wmo-notifications/${notificationId}/actions`, headers: wmo, payload });
    assert.equal(res.statusCode, 200, `${type}: ${res.body}`);
  }
  const providers = (await app.inject({ method: 'GET', url: '/api/v1/providers', headers: wmo })).json() as { id: string; agbCode: string }[];
  const products = (await app.inject({ method: 'GET', url: '/api/v1/products', headers: wmo })).json() as { id: string; code: string }[];
  const provider = providers.find((p) => p.agbCode === '98010001')!;
  const res = await app.inject({ method: 'POST', url: '/api/v1/indications', headers: wmo, payload: {
    notificationId, productId: products.find((p) => p.code === '01A01')!.id, providerId: provider.id, volume: 3, validFrom: '2026-03-01', validTo: '2026-12-31', form: 'ZIN' } });
  assert.equal(res.statusCode, 201, res.body);
  const ind = res.json() as { id: string; clientId: string };
  return { indicationId: ind.id, clientId: ind.clientId, providerId: provider.id };
}

