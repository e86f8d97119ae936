import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, type ReactElement, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { contactOutcomeLabels, type ContactOutcome } from '../../../../src/modules/intake/contact-outcome.ts';
import type { DashboardFigures, DrillDownFigure, DrillDownList } from '../../../../src/modules/monitor/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';
import { ServiceNormsTable } from './service-norms-table.tsx';

const monthStart = (monthsBack: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
};

const COLOURS = ['#1a5f9e', '#8a8a8a', '#b35900', '#2e7d32'];

/** Every figure with a list behind it (the compiler checks none is missing). */
const FIGURES = Object.keys({
  waiting: 1, returned_or_passed_on: 1, sofa_surfing: 1, 'wmo_assessment.overdue': 1, 'wmo_assessment.at_risk': 1,
  'wmo_decision.overdue': 1, 'wmo_decision.at_risk': 1, 'neighbourhood_plan.overdue': 1, 'neighbourhood_plan.at_risk': 1,
} satisfies Record<DrillDownFigure, 1>) as DrillDownFigure[];

/** A chart beside the table that says the same (the chart is hidden from screen readers; the table is the accessible version). */
function Figure({ title, note, chart, table }: { title: string; note: string; chart: ReactElement; table: ReactElement }) {
  return (
    <section aria-label={title}>
      <Heading level={2} appearance="utrecht-heading-3">{title}</Heading>
      <Paragraph>{note}</Paragraph>
      <div aria-hidden="true" className="ww-chart" style={{ width: '100%', maxWidth: '48rem', height: 280 }}>
        <ResponsiveContainer>{chart}</ResponsiveContainer>
      </div>
      {table}
    </section>
  );
}

/**
 * The live dashboard (issue 19, docs/monitor.md): per desk/team or region and period, volumes, lead
 * times, waiting list, referrals by source, first time right, bankslapers and satisfaction. Aggregates
 * only (the server suppressed small cells: null is "< 5" or "—"); the team lead can open the cases
 * behind a figure, and sees only clients they may see.
 */
export function DashboardPage() {
  const { t, lang, has } = useI18n();
  const fmt = useFormat();
  const mayDrill = useMay()('figures.drill_down');
  const [from, setFrom] = useState(() => monthStart(5));
  const [to, setTo] = useState(() => new Date().toISOString().slice(0, 10));
  const [by, setBy] = useState<'team' | 'region'>('team');
  const [group, setGroup] = useState('');
  const [f, setF] = useState<DashboardFigures | null>(null);
  const [figure, setFigure] = useState<string>('waiting');
  const [drillGroup, setDrillGroup] = useState('');
  const [cases, setCases] = useState<DrillDownList | null>(null);
  const labels = useMemo(() => ({ from: t('dashboard.from'), to: t('dashboard.to'), by: t('dashboard.by'), group: t('dashboard.group') }), [t]);
  const form = useFormErrors('dashboard', labels);
  const drillLabels = useMemo(() => ({ group: t('dashboard.col.group'), figure: t('dashboard.drill.figure') }), [t]);
  const drill = useFormErrors('dashboard-drill', drillLabels);
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const n = fmt.count;
  const stat = (v: number | null, suffix = '') => (v === null ? <abbr title={t('monitor.serviceNorms.hidden')}>—</abbr> : `${v.toLocaleString(locale)}${suffix}`);
  const monthName = (m: string) => new Date(`${m}-15T12:00:00Z`).toLocaleDateString(locale, { month: 'long', year: 'numeric' });
  // A source or channel added later without a label shows as "onbekend (code)", as every unknown code does (useFormat).
  const word = (kind: string, key: string) => (has(`dashboard.${kind}.${key}`) ? t(`dashboard.${kind}.${key}`) : t('labels.unknown', { code: key }));

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (to < from) return form.fail({ to: t('dashboard.toBeforeFrom') });
    await form.run(async () => {
      const figures = await api.get<DashboardFigures>('/api/v1/figures/dashboard', { query: { from, to, by, ...(group ? { group } : {}) } });
      setF(figures);
      setCases(null);
      setDrillGroup(figures.rows[0]?.key ?? '');
      form.reset();
    });
  }
  async function openCases(e: FormEvent) {
    e.preventDefault();
    if (!f) return;
    await drill.run(async () => {
      setCases(await api.get<DrillDownList>('/api/v1/figures/dashboard/cases', { query: { from: f.from, to: f.to, by: f.by, group: drillGroup, figure } }));
      drill.reset();
    });
  }

  const channels = f ? [...new Set([...f.total.byChannel, ...f.trend.flatMap((m) => m.byChannel)].map((c) => c.key))].sort() : [];
  const sources = f ? [...new Set([...f.total.bySource, ...f.rows.flatMap((r) => r.bySource)].map((s) => s.key))].sort() : [];
  const outcomes = f ? [...new Set(f.total.byOutcome.map((o) => o.key))].sort() : [];
  // A key not in the list: nothing counted (0); a key with count null: a hidden cell ("< 5"), never shown as 0.
  const countOf = (list: { key: string; count: number | null }[], key: string) => {
    const x = list.find((c) => c.key === key);
    return x ? x.count : 0;
  };
  const bandLabel = (upTo: number | null, i: number, all: (number | null)[]) => (upTo === null ? t('dashboard.bandLast', { days: all[i - 1] ?? 0 }) : t('dashboard.band', { days: upTo }));
  const norm = f ? Object.fromEntries(f.norms.map((x) => [x.indicator, t(`monitor.serviceNorms.units.${x.unit}`, { n: x.amount })])) : {};
  const indicatorName = (i: string) => t(`monitor.serviceNorms.indicators.${i}`, { norm: norm[i] ?? '' });
  const rowsWithTotal = f ? [...f.rows, { ...f.total, name: t('dashboard.total') }] : [];
  const statements = f?.satisfaction[0]?.statements ?? [];
  // Charts draw hidden cells as 0; the table below each chart says "< 5".
  const trendData = f?.trend.map((m) => ({ month: monthName(m.month), referrals: m.referrals ?? 0, ...Object.fromEntries(channels.map((c) => [c, countOf(m.byChannel, c) ?? 0])) })) ?? [];
  const bands = f?.distribution[0]?.bands.map((b) => b.upToDays) ?? [];
  const distributionData = bands.map((upTo, i) => ({ band: bandLabel(upTo, i, bands),
    ...Object.fromEntries((f?.distribution ?? []).map((d) => [d.indicator, d.bands[i]?.count ?? 0])) }));

  return (
    <>
      <PageTitle title={t('dashboard.title')} />
      <Paragraph>{t('dashboard.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('from')} type="date" value={from} onChange={setFrom} />
        <TextField {...form.field('to')} type="date" value={to} onChange={setTo} />
        <SelectField {...form.field('by')} value={by} onChange={(v) => { setBy(v as 'team' | 'region'); setGroup(''); }}
          options={[{ value: 'team', label: t('dashboard.byTeam') }, { value: 'region', label: t('dashboard.byRegion') }]} />
        {f && f.by === by && (
          <SelectField {...form.field('group')} value={group} onChange={setGroup} emptyLabel={t('dashboard.allGroups')}
            options={f.groups.map((g) => ({ value: g.key, label: g.name }))} />
        )}
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button" disabled={form.busy}>{t('dashboard.show')}</Button></div>
      </form>
      {f && (
        <>
          <Paragraph role="status">{t('dashboard.asOf', { from: fmt.date(f.from), to: fmt.date(f.to), asOf: fmt.date(f.asOf) })}</Paragraph>
          <section aria-label={t('dashboard.overview')}>
            <Heading level={2} appearance="utrecht-heading-3">{t('dashboard.overview')}</Heading>
            <TableScroll label={t('dashboard.overview')}>
              <Table>
                <TableHeader>
                  <TableRow>
                    {(['group', 'contacts', 'referrals', 'waiting', 'waitingMedian', 'waitingP90', 'notRight', 'notRightPct', 'sofaSurfers'] as const).map((k) => (
                      <TableHeaderCell key={k} scope="col">{t(`dashboard.col.${k}`)}</TableHeaderCell>
                    ))}
                    {channels.map((c) => <TableHeaderCell key={c} scope="col">{word('channels', c)}</TableHeaderCell>)}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rowsWithTotal.map((r) => (
                    <TableRow key={r.key}>
                      <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
                      <TableCell>{n(r.contacts)}</TableCell>
                      <TableCell>{n(r.referrals)}</TableCell>
                      <TableCell>{n(r.waiting)}</TableCell>
                      <TableCell>{stat(r.waitingMedianDays)}</TableCell>
                      <TableCell>{stat(r.waitingP90Days)}</TableCell>
                      <TableCell>{n(r.returnedOrPassedOn)}</TableCell>
                      <TableCell>{stat(r.returnedOrPassedOnPct, '%')}</TableCell>
                      <TableCell>{n(r.sofaSurfers)}</TableCell>
                      {channels.map((c) => <TableCell key={c}>{n(countOf(r.byChannel, c))}</TableCell>)}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
            <Paragraph>{t('dashboard.waitingNote')}</Paragraph>
            <Paragraph>{t('dashboard.firstTimeRight')}</Paragraph>
            <Paragraph>{t('dashboard.sofaNote')} {t('dashboard.channelsNote')}</Paragraph>
          </section>

          <section aria-label={t('dashboard.bySource')}>
            <Heading level={2} appearance="utrecht-heading-3">{t('dashboard.bySource')}</Heading>
            <TableScroll label={t('dashboard.bySource')}>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('dashboard.col.group')}</TableHeaderCell>
                    {sources.map((s) => <TableHeaderCell key={s} scope="col">{word('sources', s)}</TableHeaderCell>)}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rowsWithTotal.map((r) => (
                    <TableRow key={r.key}>
                      <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
                      {sources.map((s) => <TableCell key={s}>{n(countOf(r.bySource, s))}</TableCell>)}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
          </section>

          <section aria-label={t('dashboard.byOutcome')}>
            <Heading level={2} appearance="utrecht-heading-3">{t('dashboard.byOutcome')}</Heading>
            <TableScroll label={t('dashboard.byOutcome')}>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('dashboard.col.group')}</TableHeaderCell>
                    {outcomes.map((o) => <TableHeaderCell key={o} scope="col">{`${o}. ${contactOutcomeLabels[Number(o) as ContactOutcome]?.[lang] ?? o}`}</TableHeaderCell>)}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rowsWithTotal.filter((r) => r.contacts !== 0).map((r) => (
                    <TableRow key={r.key}>
                      <TableHeaderCell scope="row">{r.name}</TableHeaderCell>
                      {outcomes.map((o) => <TableCell key={o}>{n(countOf(r.byOutcome, o))}</TableCell>)}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
          </section>

          <Figure title={t('dashboard.trend')} note={t('dashboard.trendNote')}
            chart={(
              <BarChart data={trendData} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {channels.map((c, i) => <Bar key={c} dataKey={c} stackId="contacts" name={`${t('dashboard.col.contacts')}: ${word('channels', c)}`} fill={COLOURS[i % COLOURS.length]} />)}
                <Bar dataKey="referrals" name={t('dashboard.col.referrals')} fill="#2e7d32" />
              </BarChart>
            )}
            table={(
              <TableScroll label={t('dashboard.trend')}>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('dashboard.col.month')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('dashboard.col.contacts')}</TableHeaderCell>
                      {channels.map((c) => <TableHeaderCell key={c} scope="col">{word('channels', c)}</TableHeaderCell>)}
                      <TableHeaderCell scope="col">{t('dashboard.col.referrals')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {f.trend.map((m) => (
                      <TableRow key={m.month}>
                        <TableHeaderCell scope="row">{monthName(m.month)}</TableHeaderCell>
                        <TableCell>{n(m.contacts)}</TableCell>
                        {channels.map((c) => <TableCell key={c}>{n(countOf(m.byChannel, c))}</TableCell>)}
                        <TableCell>{n(m.referrals)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            )} />

          <Figure title={t('dashboard.distribution')} note={t('dashboard.distributionNote')}
            chart={(
              <BarChart data={distributionData} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="band" tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {f.distribution.map((d, i) => <Bar key={d.indicator} dataKey={d.indicator} name={indicatorName(d.indicator)} fill={COLOURS[i % COLOURS.length]} />)}
              </BarChart>
            )}
            table={(
              <TableScroll label={t('dashboard.distribution')}>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('dashboard.col.band')}</TableHeaderCell>
                      {f.distribution.map((d) => <TableHeaderCell key={d.indicator} scope="col">{indicatorName(d.indicator)}</TableHeaderCell>)}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {bands.map((upTo, i) => (
                      <TableRow key={String(upTo)}>
                        <TableHeaderCell scope="row">{bandLabel(upTo, i, bands)}</TableHeaderCell>
                        {f.distribution.map((d) => {
                          const band = d.bands[i];
                          return <TableCell key={d.indicator}>{n(band ? band.count : 0)}</TableCell>;
                        })}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            )} />

          <ServiceNormsTable figures={{ from: f.from, to: f.to, asOf: f.asOf, disclosure: f.disclosure, norms: f.norms,
            rows: f.serviceNorms.map(({ key, name, ...r }) => ({ ...r, teamId: key, teamName: name })) }} />

          <section aria-label={t('dashboard.satisfaction')}>
            <Heading level={2} appearance="utrecht-heading-3">{t('dashboard.satisfaction')}</Heading>
            {f.satisfaction.length === 0 ? <Paragraph>{t('dashboard.satisfactionNone')}</Paragraph> : (
              <TableScroll label={t('dashboard.satisfaction')}>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell scope="col">{t('dashboard.col.group')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('dashboard.invited')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('dashboard.responses')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('dashboard.responseRate')}</TableHeaderCell>
                      <TableHeaderCell scope="col">{t('dashboard.meanGrade')}</TableHeaderCell>
                      {statements.map((s) => <TableHeaderCell key={s.key} scope="col">{s.text} ({t('dashboard.agree')})</TableHeaderCell>)}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {f.satisfaction.map((r) => (
                      <TableRow key={r.teamId}>
                        <TableHeaderCell scope="row">{r.teamName}</TableHeaderCell>
                        <TableCell>{n(r.invited)}</TableCell>
                        <TableCell>{n(r.responses)}</TableCell>
                        <TableCell>{stat(r.responseRatePct, '%')}</TableCell>
                        <TableCell>{r.meanGrade === null ? stat(null) : r.meanGrade.toLocaleString(locale, { minimumFractionDigits: 1 })}</TableCell>
                        {statements.map((s) => <TableCell key={s.key}>{stat(r.statements.find((x) => x.key === s.key)?.agreePct ?? null, '%')}</TableCell>)}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableScroll>
            )}
          </section>

          {mayDrill && f.rows.length > 0 && (
            <section aria-label={t('dashboard.drill.title')}>
              <Heading level={2} appearance="utrecht-heading-3">{t('dashboard.drill.title')}</Heading>
              <Paragraph>{t('dashboard.drill.intro')}</Paragraph>
              {drill.summary}
              <form onSubmit={openCases} noValidate className="ww-form">
                <SelectField {...drill.field('group')} value={drillGroup} onChange={setDrillGroup} options={f.rows.map((r) => ({ value: r.key, label: r.name }))} />
                <SelectField {...drill.field('figure')} value={figure} onChange={setFigure}
                  options={FIGURES.map((x) => ({ value: x, label: t(`dashboard.drill.figures.${x}`) }))} />
                <div className="ww-actions"><Button type="submit" appearance="secondary-action-button" disabled={drill.busy}>{t('dashboard.drill.open')}</Button></div>
              </form>
              {cases && (cases.items.length === 0 ? <Paragraph role="status">{t('dashboard.drill.none')}</Paragraph> : (
                <TableScroll label={t(`dashboard.drill.figures.${cases.figure}`)}>
                  <Table>
                    <TableHeader>
                      <TableRow>
                        {(['client', 'kind', 'since', 'days'] as const).map((k) => <TableHeaderCell key={k} scope="col">{t(`dashboard.col.${k}`)}</TableHeaderCell>)}
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {cases.items.map((c) => (
                        <TableRow key={`${c.kind}-${c.id}`}>
                          <TableHeaderCell scope="row">
                            <AppLink to={c.kind === 'trajectory' ? `/trajecten/${c.id}` : c.kind === 'wmo_notification' ? `/meldingen/${c.id}` : `/clienten/${c.clientId}`}>{c.clientName}</AppLink>
                          </TableHeaderCell>
                          <TableCell>{t(`dashboard.drill.kinds.${c.kind}`)}</TableCell>
                          <TableCell>{fmt.date(c.since)}</TableCell>
                          <TableCell>{c.days.toLocaleString(locale)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </TableScroll>
              ))}
            </section>
          )}
          <Paragraph>{t('monitor.serviceNorms.disclosure', { min: f.disclosure.minCell, round: f.disclosure.roundTo })}</Paragraph>
        </>
      )}
    </>
  );
}
