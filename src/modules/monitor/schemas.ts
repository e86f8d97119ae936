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

/** A council report as asked for: made by a job, with its progress (0–100). */
export const CouncilReportStatus = z.object({ id: z.uuid(), period: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']), progress: z.number(),
  requestedBy: z.string(), requestedAt: z.string(), finishedAt: z.string().nullable(), error: z.string().nullable() });
export type CouncilReportStatus = z.infer<typeof CouncilReportStatus>;
const Cell = z.union([z.string(), z.number(), z.null()]);
export const CouncilReportContent = z.object({ period: z.string(), from: z.iso.date(), to: z.iso.date(), asOf: z.iso.date(), generatedAt: z.string(),
  tables: z.array(z.object({ id: z.string(), title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(Cell)), definitions: z.array(z.string()) })) });
export const CouncilReportView = CouncilReportStatus.extend({ content: CouncilReportContent.nullable() });
export type CouncilReportView = z.infer<typeof CouncilReportView>;

const SteeringRowSchema = z.object({ key: z.string(), label: z.string(), indications: Shown, clients: Shown, activeClients: Shown, meanDays: Shown,
  durations: z.object({ upTo3Months: Shown, upTo6Months: Shown, upTo12Months: Shown, longer: Shown }), euros: Shown, reindicationPct: Shown });
/** Steering on indications: per product, provider, team or adviser; counts and amounts through the disclosure rule. */
export const IndicationFigures = z.object({
  from: z.iso.date(), to: z.iso.date(), asOf: z.iso.date(), by: z.enum(['product', 'provider', 'team', 'adviser']),
  disclosure: z.object({ minCell: z.number(), roundTo: z.number() }),
  rows: z.array(SteeringRowSchema), total: SteeringRowSchema,
  /** Spend in the year of `to` against the budget line "Inkopen en uitbestede werkzaamheden" (Begroting <year>, latest document that has it). */
  budget: z.object({ year: z.number().int(), column: z.string(), document: z.string().nullable(), budgetEuros: z.number().nullable(),
    spentEuros: Shown, forecastEuros: Shown, unpriced: z.number().int() }),
});
export type IndicationFigures = z.infer<typeof IndicationFigures>;
