import { z } from 'zod';
import { Indicator } from './service-norms.ts';

/** A count as shown: null when it is about fewer than 5 clients ("< 5"), else rounded to 5 (disclosure.ts). */
const Shown = z.number().nullable();

export const ServiceNormFigures = z.object({
  from: z.iso.date(), to: z.iso.date(),
  /** Open items are counted as they stood on this day: the period's last day, or today when that is later. */
  asOf: z.iso.date(),
  disclosure: z.object({ minCell: z.number(), roundTo: z.number() }),
  /** The norm of each indicator valid on the period's last day, from the one configuration (legal_norms). */
  norms: z.array(z.object({ indicator: z.enum(Indicator), amount: z.number(), unit: z.string() })),
  rows: z.array(z.object({
    indicator: z.enum(Indicator), teamId: z.uuid(), teamName: z.string(),
    done: Shown, medianDays: Shown, p90Days: Shown, withinNormPct: Shown, open: Shown, atRisk: Shown, overdue: Shown,
  })),
});
export type ServiceNormFigures = z.infer<typeof ServiceNormFigures>;
