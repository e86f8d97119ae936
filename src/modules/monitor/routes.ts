import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { Store } from '../../platform/store.ts';
import { amsterdamDate, daysBetween } from '../legal-terms/legal-terms.ts';
import { halfYearPeriod, reportHtml, tableCsv } from './council-report.ts';
import { reportPdf } from './council-report-pdf.ts';
import { getReport, listReports, requestReport } from './council-report-store.ts';
import { CouncilReportStatus, CouncilReportView, DashboardFigures, DashboardGrouping, DrillDownFigure, DrillDownList, IndicationFigures, ServiceNormFigures } from './schemas.ts';
import { dashboardFigures, drillDown, type PeriodClocks, type PeriodFacts, periodClocks, periodFacts } from './dashboard-figures.ts';
import { rowOf, SteeringDimension, spendForecast, steeringRows } from './steering.ts';
import { disclosureRule } from './disclosure.ts';
import { budgetedCents } from '../finance/budget-figures.ts';
import { indicationFacts } from '../indications/indication-facts.ts';
import { teamNames } from '../org/store.ts';
import { ownersOf } from '../wmo/notification-store.ts';
import { userNames } from '../../platform/auth/users.ts';
import { RecentResults } from './recent-results.ts';
import { serviceNormFigures } from './service-norm-figures.ts';

/** Council monitoring (Raadsmonitor): aggregates only, every count through the disclosure rule (docs/monitor.md). */
export async function monitorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Folding every open clock costs about a second at Rotterdam scale; a dashboard's viewers share one
  // fold per period for a minute (docs/monitor.md). Each read is still audited.
  const recentNorms = new RecentResults<ServiceNormFigures>(60_000);
  // The clocks of a period (the costly fold) and the rest of a period's facts, shared by the service norms, every dashboard
  // selection of that period (team, region, one group) and the drill-down.
  const recentClocks = new RecentResults<PeriodClocks>(60_000);
  const recentPeriods = new RecentResults<PeriodFacts>(60_000);
  // Computed on the pool, before the request's own transaction (which then only writes the audit row and what is per
  // request): the parts run side by side on their own connections, and no request holds a connection while it waits for
  // a computation another request started.
  const clocksOf = (from: string, to: string, asOf: string) => recentClocks.get(`${from}|${to}|${asOf}`, () => periodClocks(app.db, from, to, asOf));
  const periodOf = (from: string, to: string, asOf: string) =>
    recentPeriods.get(`${from}|${to}|${asOf}`, () => periodFacts(app.db, from, to, asOf, clocksOf(from, to, asOf)));

  r.get('/api/v1/figures/service-norms', {
    config: { permission: 'figures.service_norms' },
    schema: { tags: ['figures'], summary: 'Service norms per team: lead times (median, p90, % within norm) of what finished in the period, open items at risk or overdue',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }), response: { 200: ServiceNormFigures } },
  }, async (req) => {
    const { from, to } = req.query;
    if (to < from) throw badRequest('De einddatum ligt vóór de begindatum: kies een einddatum op of na de begindatum. / The end date is before the start date.', 'to');
    const today = amsterdamDate(new Date());
    const asOf = [to, today].sort()[0]!;
    const figures = await recentNorms.get(`${from}|${to}|${asOf}`, async () => {
      const c = await clocksOf(from, to, asOf);
      return serviceNormFigures(app.db, from, to, asOf, { assessment: c.wmo_assessment, decision: c.wmo_decision, plan: c.neighbourhood_plan });
    });
    // Aggregates only, no client leaves this read: no need-to-know per client, one audit row naming the period.
    return req.store.read({ action: 'figures.service_norms', activity: ProcessingActivity.Oversight, details: { from, to } }, async () => figures);
  });

  // The live dashboard: every viewer of the same selection within a minute shares one computation (like the service norms).
  const recentDashboards = new RecentResults<DashboardFigures>(60_000);
  // Steering too: indications change a few times a day, and a year's figures cost a fold of every indication's tariffs.
  const recentSteering = new RecentResults<IndicationFigures>(60_000);
  const Period = z.object({ from: z.iso.date(), to: z.iso.date(), by: z.enum(DashboardGrouping).default('team'), group: z.string().max(64).optional() });
  const checkPeriod = (from: string, to: string) => {
    if (to < from) throw badRequest('De einddatum ligt vóór de begindatum: kies een einddatum op of na de begindatum. / The end date is before the start date.', 'to');
    if (daysBetween(from, to) > 731) throw badRequest('Kies een periode van hoogstens twee jaar / Choose a period of at most two years', 'from');
    return [to, amsterdamDate(new Date())].sort()[0]!;
  };

  r.get('/api/v1/figures/dashboard', {
    config: { permission: 'figures.dashboard' },
    schema: { tags: ['figures'], summary: 'The live dashboard per desk/team or region: volumes, lead times, waiting list, referrals by source, first time right, bankslapers, satisfaction; aggregates only',
      querystring: Period, response: { 200: DashboardFigures } },
  }, async (req) => {
    const { from, to, by, group } = req.query;
    const asOf = checkPeriod(from, to);
    const figures = await recentDashboards.get(`${from}|${to}|${asOf}|${by}|${group ?? ''}`,
      () => dashboardFigures(app.db, { from, to, asOf, by, group: group ?? null }, periodOf(from, to, asOf)));
    // Aggregates only, no client leaves this read: one audit row naming the selection.
    return req.store.read({ action: 'figures.dashboard', activity: ProcessingActivity.Oversight, details: { from, to, by, group: group ?? null } },
      async () => figures);
  });

  // Drill-down: the cases behind a figure, for roles that work with clients (permissions.ts), and of those only the clients
  // the user may see (the one need-to-know condition); the list read is audited with the client ids shown.
  r.get('/api/v1/figures/dashboard/cases', {
    config: { permission: 'figures.drill_down' },
    schema: { tags: ['figures'], summary: 'The cases behind one dashboard figure of one group, only clients you may see',
      querystring: Period.extend({ group: z.string().min(1).max(64), figure: z.enum(DrillDownFigure) }), response: { 200: DrillDownList } },
  }, async (req) => {
    const { from, to, by, group, figure } = req.query;
    const asOf = checkPeriod(from, to);
    const period = await periodOf(from, to, asOf);
    return req.store.readClients({ action: 'figures.drill_down', activity: ProcessingActivity.Oversight, details: { from, to, by, group, figure } },
      (tx, visible) => drillDown(tx, visible, { from, to, asOf, by, group, figure }, period));
  });

  // The half-year council report: requested here, made by a job (council-report-store.ts), fetched when done.
  const tags = ['figures'];
  const Params = z.object({ id: z.uuid() });
  const audited = { activity: ProcessingActivity.Oversight } as const;
  const ready = async (req: { store: Store }, id: string, action: string) =>
    req.store.read({ ...audited, action, details: { reportId: id } }, async (tx) => {
      const r = await getReport(tx, id);
      if (!r) throw notFound('Rapport niet gevonden / Report not found');
      if (!r.content) throw conflict('Het rapport is nog niet klaar / The report is not ready yet', 'report_not_ready', { reportStatus: r.status, progress: r.progress });
      return r.content;
    });

  r.post('/api/v1/council-reports', {
    config: { permission: 'figures.council_report' },
    schema: { tags, summary: 'Ask for the half-year council report (Raadsmonitor); a background job makes it',
      body: z.object({ period: z.string().regex(/^\d{4}-H[12]$/, 'een halfjaar als 2026-H1 of 2026-H2 / a half year such as 2026-H1') }),
      response: { 202: CouncilReportStatus } },
  }, async (req, reply) => {
    const { period } = req.body;
    const { from } = halfYearPeriod(period)!;
    if (from > amsterdamDate(new Date())) throw badRequest('Dit halfjaar is nog niet begonnen / This half year has not begun', 'period');
    if (from < req.server.config.recordsFrom) throw badRequest(`Wegwijs heeft geen registraties van vóór ${req.server.config.recordsFrom} / No records before ${req.server.config.recordsFrom}`, 'period');
    const report = await req.store.change({ ...audited, action: 'council_report.request', details: { period } }, async (tx) =>
      (await getReport(tx, await requestReport(tx, period, req.ctx!.actor.id!)))!);
    const { content: _content, ...status } = report;
    return reply.status(202).send(status);
  });
  r.get('/api/v1/council-reports', {
    config: { permission: 'figures.council_report' },
    schema: { tags, summary: 'The latest council reports asked for, with their status', response: { 200: z.array(CouncilReportStatus) } },
  }, async () => listReports(app.db));
  r.get('/api/v1/council-reports/:id', {
    config: { permission: 'figures.council_report' },
    schema: { tags, summary: 'A council report: its status and progress, and its tables once done', params: Params, response: { 200: CouncilReportView } },
  }, async (req) => {
    const report = await req.store.read({ ...audited, action: 'council_report.read', details: { reportId: req.params.id } }, (tx) => getReport(tx, req.params.id));
    if (!report) throw notFound('Rapport niet gevonden / Report not found');
    return report;
  });
  r.get('/api/v1/council-reports/:id/report.html', {
    config: { permission: 'figures.council_report' },
    schema: { tags, summary: 'The council report as an accessible HTML page', params: Params },
  }, async (req, reply) => {
    const content = await ready(req, req.params.id, 'council_report.html');
    // The report is a document of its own: its one inline style block and nothing else may load.
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(reportHtml(content));
  });
  r.get('/api/v1/council-reports/:id/report.pdf', {
    config: { permission: 'figures.council_report' },
    schema: { tags, summary: 'The council report as a PDF', params: Params },
  }, async (req, reply) => {
    const content = await ready(req, req.params.id, 'council_report.pdf');
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="raadsmonitor-${content.period}.pdf"`).send(await reportPdf(content));
  });
  r.get('/api/v1/council-reports/:id/tables/:table', {
    config: { permission: 'figures.council_report' },
    schema: { tags, summary: 'One table of the council report as CSV (`<table id>.csv`)', params: Params.extend({ table: z.string().regex(/^[a-z-]+\.csv$/) }) },
  }, async (req, reply) => {
    const content = await ready(req, req.params.id, 'council_report.csv');
    const t = content.tables.find((x) => `${x.id}.csv` === req.params.table);
    if (!t) throw notFound('Tabel niet gevonden / Table not found');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="raadsmonitor-${content.period}-${req.params.table}"`).send(tableCsv(t));
  });

  r.get('/api/v1/figures/indications', {
    config: { permission: 'figures.indications' },
    schema: { tags, summary: 'Steering on indications: per product, provider, team or adviser, and spend against the budget with a year-end forecast',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date(), by: z.enum(SteeringDimension).default('product') }), response: { 200: IndicationFigures } },
  }, async (req) => {
    const { from, to, by } = req.query;
    if (to < from) throw badRequest('De einddatum ligt vóór de begindatum: kies een einddatum op of na de begindatum. / The end date is before the start date.', 'to');
    const asOf = [to, amsterdamDate(new Date())].sort()[0]!;
    const year = Number(to.slice(0, 4));
    return req.store.read({ ...audited, action: 'figures.indications', details: { from, to, by } }, (tx) => recentSteering.get(`${from}|${to}|${by}|${asOf}`, async () => {
      // A year's steering asks for the same range twice (the period and the whole year): count each range once.
      const ranges = new Map<string, ReturnType<typeof indicationFacts>>();
      const factsIn = (a: string, b: string) => ranges.get(`${a}|${b}`) ?? ranges.set(`${a}|${b}`, indicationFacts(tx, a, b)).get(`${a}|${b}`)!;
      const facts = await factsIn(from, to);
      const owners = await ownersOf(tx, [...new Set(facts.map((f) => f.notificationId))]);
      const withOwner = facts.map((f) => ({ ...f, teamId: owners.get(f.notificationId)?.teamId ?? null, adviserId: owners.get(f.notificationId)?.userId ?? null }));
      const teams = by === 'team' ? await teamNames(tx, withOwner.map((f) => f.teamId).filter((x): x is string => !!x)) : new Map<string, string>();
      const users = by === 'adviser' ? await userNames(tx, withOwner.map((f) => f.adviserId)) : new Map<string, string>();
      const label = (key: string, f: (typeof withOwner)[number]) => (by === 'product' ? `${f.productCode} ${f.productName}` : by === 'provider' ? f.providerName
        : by === 'team' ? teams.get(key) ?? '(geen team)' : users.get(key) ?? '(niemand toegewezen)');
      const column = `Begroting ${year}`;
      const budget = await budgetedCents(tx, 'purchases', column);
      const yearEnd = `${year}-12-31`;
      const spend = spendForecast(await factsIn(`${year}-01-01`, [asOf, yearEnd].sort()[0]!), await factsIn(`${year}-01-01`, yearEnd));
      return {
        from, to, asOf, by, disclosure: disclosureRule,
        rows: steeringRows(withOwner, by, asOf, label),
        total: rowOf('total', 'Totaal', withOwner, asOf),
        budget: { year, column, document: budget?.document ?? null, budgetEuros: budget ? Math.round(budget.cents / 100) : null, ...spend },
      };
    }));
  });
}
