import type { FastifyInstance } from 'fastify';
import type { AuthHeaders } from './helpers.ts';

type Named = { id: string; name: string; code?: string };

/** The demo catalogue as a Wmo adviser reads it: product and provider ids by name. */
export async function demoCatalogue(app: FastifyInstance, headers: AuthHeaders) {
  const products = (await app.inject({ method: 'GET', url: '/api/v1/products', headers })).json() as Named[];
  const providers = (await app.inject({ method: 'GET', url: '/api/v1/providers', headers })).json() as Named[];
  const product = (name: string) => products.find((p) => p.name === name)!.id;
  const provider = (name: string) => providers.find((p) => p.name === name)!.id;
  return { product, provider };
}

/**
 * A decide step's body: household help granted in kind by Thuiszorg Maasoever (3 hours a week in
 * December 2026 at € 32,50 an hour: 31/7 weeks, € 431,79), individual support refused.
 */
export async function decisionBody(app: FastifyInstance, headers: AuthHeaders, overrides: Record<string, unknown> = {}) {
  const { product, provider } = await demoCatalogue(app, headers);
  return {
    type: 'decide',
    decision: {
      lines: [
        { productId: product('Hulp bij het huishouden'), granted: true, reasoning: 'U kunt door uw heupklachten uw huis niet zelf schoonhouden en uw partner werkt voltijds.',
          result: 'Een schoon en leefbaar huis', volume: 3, validFrom: '2026-12-01', validTo: '2026-12-31', form: 'ZIN', providerId: provider('Thuiszorg Maasoever') },
        { productId: product('Begeleiding individueel'), granted: false, reasoning: 'Uw dochter helpt u al met uw post en afspraken; dat is voldoende.' },
      ],
      contributionNotice: 'Voor de hulp bij het huishouden betaalt u een eigen bijdrage van ten hoogste € 21,80 per maand. Het CAK stuurt u daarover een brief.',
      ...overrides,
    },
  };
}
