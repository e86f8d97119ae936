import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { badRequest } from '../../platform/errors.ts';
import { planClockFacts } from '../casework/figures.ts';
import { amsterdamDate, normOn } from '../legal-terms/legal-terms.ts';
import { listNorms } from '../legal-terms/store.ts';
import { teamNames } from '../org/store.ts';
import { wmoClockFacts } from '../wmo/figures.ts';
import { disclosureRule } from './disclosure.ts';
import { ServiceNormFigures } from './schemas.ts';
import { Indicator, serviceNormRows } from './service-norms.ts';

/** Council monitoring (Raadsmonitor): aggregates only, every count through the disclosure rule (docs/monitor.md). */
export async function monitorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/figures/service-norms', {
    config: { permission: 'figures.service_norms' },
    schema: { tags: ['figures'], summary: 'Service norms per team: lead times (median, p90, % within norm) of what finished in the period, open items at risk or overdue',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }), response: { 200: ServiceNormFigures } },
  }, async (req) => {
    const { from, to } = req.query;
    if (to < from) throw badRequest('De einddatum ligt vóór de begindatum: kies een einddatum op of na de begindatum. / The end date is before the start date.', 'to');
    const today = amsterdamDate(new Date());
    const asOf = [to, today].sort()[0]!;
    // Aggregates only, no client leaves this read: no need-to-know per client, one audit row naming the period.
    return req.store.read({ action: 'figures.service_norms', activity: ProcessingActivity.Oversight, details: { from, to } }, async (tx) => {
      const wmo = await wmoClockFacts(tx, from, to, asOf);
      const plan = await planClockFacts(tx, from, to, asOf);
      const rows = [
        ...serviceNormRows(Indicator.WmoAssessment, wmo.assessment, from, to),
        ...serviceNormRows(Indicator.WmoDecision, wmo.decision, from, to),
        ...serviceNormRows(Indicator.NeighbourhoodPlan, plan, from, to),
      ];
      const names = await teamNames(tx, [...new Set(rows.map((x) => x.teamId))]);
      const norms = await listNorms(tx);
      return {
        from, to, asOf, disclosure: disclosureRule,
        norms: Object.values(Indicator).map((indicator) => {
          const n = normOn(norms, indicator, to);
          return { indicator, amount: n.amount, unit: n.unit };
        }),
        rows: rows.map((x) => ({ ...x, teamName: names.get(x.teamId) ?? '' }))
          .sort((a, b) => a.indicator.localeCompare(b.indicator) || a.teamName.localeCompare(b.teamName, 'nl')),
      };
    });
  });
}
