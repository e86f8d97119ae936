import { z } from 'zod';
import { SatisfactionFigures } from '../satisfaction/schemas.ts';
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

const Keyed = z.array(z.object({ key: z.string(), count: Shown }));
const DashboardRowSchema = z.object({
  key: z.string(), name: z.string(),
  contacts: Shown, byChannel: Keyed, byOutcome: Keyed,
  referrals: Shown, bySource: Keyed,
  waiting: Shown, waitingMedianDays: Shown, waitingP90Days: Shown,
  returnedOrPassedOn: Shown, returnedOrPassedOnPct: Shown,
  sofaSurfers: Shown,
});
/** How the dashboard groups: per desk or team, or per region (rayon). */
export const DashboardGrouping = ['team', 'region'] as const;
/** The live dashboard (team lead, manager, policy analyst): every figure through the disclosure rule (docs/monitor.md). */
export const DashboardFigures = z.object({
  from: z.iso.date(), to: z.iso.date(), asOf: z.iso.date(), by: z.enum(DashboardGrouping), group: z.string().nullable(),
  disclosure: z.object({ minCell: z.number(), roundTo: z.number() }),
  /** Every group one may choose (teams and desks, or regions). */
  groups: z.array(z.object({ key: z.string(), name: z.string() })),
  norms: ServiceNormFigures.shape.norms,
  rows: z.array(DashboardRowSchema), total: DashboardRowSchema,
  serviceNorms: z.array(z.object({ indicator: z.enum(Indicator), key: z.string(), name: z.string(),
    done: Shown, medianDays: Shown, p90Days: Shown, withinNormPct: Shown, open: Shown, atRisk: Shown, overdue: Shown })),
  trend: z.array(z.object({ month: z.string(), contacts: Shown, byChannel: Keyed, referrals: Shown })),
  distribution: z.array(z.object({ indicator: z.enum(Indicator), bands: z.array(z.object({ upToDays: z.number().nullable(), count: Shown })) })),
  /** Client experience per desk/team (satisfactionFigures, the same as /tevredenheid); empty when grouped per region. */
  satisfaction: SatisfactionFigures.shape.rows,
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

/** The figures one can open as a list of cases (drill-down). */
export const DrillDownFigure = ['waiting', 'returned_or_passed_on', 'sofa_surfing',
  'wmo_assessment.overdue', 'wmo_assessment.at_risk', 'wmo_decision.overdue', 'wmo_decision.at_risk', 'neighbourhood_plan.overdue', 'neighbourhood_plan.at_risk'] as const;
export type DrillDownFigure = (typeof DrillDownFigure)[number];
/** The cases behind a figure, only those of clients the user may see (need-to-know); the list read is audited with their ids. */
export const DrillDownList = z.object({
  figure: z.enum(DrillDownFigure), group: z.string(),
  items: z.array(z.object({ kind: z.enum(['referral', 'wmo_notification', 'trajectory', 'client']), id: z.uuid(), clientId: z.uuid(), clientName: z.string(),
    since: z.iso.date(), days: z.number().int() })),
});
export type DrillDownList = z.infer<typeof DrillDownList>;
