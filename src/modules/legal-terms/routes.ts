import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { HolidayInput, HolidayView, NormView } from './schemas.ts';
import { addDecreeHoliday, holidaysOfYear, listNorms } from './store.ts';

/**
 * The configuration behind every clock: the holidays of the Algemene termijnenwet (art. 3 computed,
 * plus the days a decree equates with them, which functioneel beheer adds) and the norms with their
 * validity dates. No personal data.
 */
export async function legalTermRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['legal terms'];

  r.get('/api/v1/legal-holidays', {
    config: { permission: 'org.read' },
    schema: { tags, summary: 'The holidays of a year under the Algemene termijnenwet (art. 3, and days a decree equates with them)',
      querystring: z.object({ year: z.coerce.number().int().min(1990).max(2200) }), response: { 200: z.array(HolidayView) } },
  }, async (req) => holidaysOfYear(app.db, req.query.year));

  r.post('/api/v1/legal-holidays', {
    config: { permission: 'org.write' },
    schema: { tags, summary: 'Add a day a decree equates with the holidays (Atw art. 3 lid 2); every clock counts it from then on',
      body: HolidayInput, response: { 201: HolidayView } },
  }, async (req, reply) => reply.status(201).send(await req.store.change(
    { action: 'legal_holiday.create', activity: ProcessingActivity.Administration, details: { date: req.body.date } },
    (tx) => addDecreeHoliday(tx, req.body, req.ctx!.actor.id))));

  r.get('/api/v1/legal-norms', {
    config: { permission: 'org.read' },
    schema: { tags, summary: 'The norms of every clock (Wmo, Jeugdwet, Awb, wijkteam), with their validity dates', response: { 200: z.array(NormView) } },
  }, async () => listNorms(app.db));
}
