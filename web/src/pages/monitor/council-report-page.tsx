import { Alert, Button, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import type { CouncilReportStatus, CouncilReportView } from '../../../../src/modules/monitor/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, useFormErrors } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useT } from '../../i18n.tsx';

/** The half years that have begun, newest first (six of them). */
function halfYears(today = new Date()): string[] {
  let y = today.getFullYear();
  let h = today.getMonth() < 6 ? 1 : 2;
  const out: string[] = [];
  for (let i = 0; i < 6; i++) {
    out.push(`${y}-H${h}`);
    if (h === 2) h = 1;
    else { h = 2; y--; }
  }
  return out;
}

const base = (id: string) => `/api/v1/council-reports/${id}`;

/** Raadsmonitor: ask for the half-year report; a background job makes it while the page shows its progress. */
export function CouncilReportPage() {
  const t = useT();
  const fmt = useFormat();
  const options = useMemo(() => halfYears(), []);
  const [period, setPeriod] = useState(options[1] ?? options[0]!);
  const [reports, setReports] = useState<CouncilReportStatus[] | null>(null);
  const [tables, setTables] = useState<Record<string, { id: string; title: string }[]>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const labels = useMemo(() => ({ period: t('monitor.council.period') }), [t]);
  const form = useFormErrors('council-report', labels);
  const periodLabel = useCallback((p: string) => t(p.endsWith('H1') ? 'monitor.council.h1' : 'monitor.council.h2', { year: p.slice(0, 4) }), [t]);

  const load = useCallback(async () => {
    const list = await api.get<CouncilReportStatus[]>('/api/v1/council-reports');
    setReports(list);
    return list;
  }, []);
  useEffect(() => { void load(); }, [load]);

  // While a report is being made, look again every second; when one is done, fetch its table list for the CSV links.
  const busy = reports?.some((r) => r.status === 'queued' || r.status === 'running') ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(async () => {
      const before = reports ?? [];
      const now = await load();
      const finished = now.find((r) => r.status === 'done' && before.find((b) => b.id === r.id)?.status !== 'done');
      if (finished) setNotice(t('monitor.council.ready', { period: periodLabel(finished.period) }));
    }, 1000);
    return () => clearInterval(timer);
  }, [busy, load, reports, t, periodLabel]);
  useEffect(() => {
    for (const r of reports ?? []) {
      if (r.status !== 'done' || tables[r.id]) continue;
      void api.get<CouncilReportView>(base(r.id)).then((v) =>
        setTables((m) => ({ ...m, [r.id]: v.content?.tables.map(({ id, title }) => ({ id, title })) ?? [] })));
    }
  }, [reports, tables]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    await form.run(async () => {
      await api.post<CouncilReportStatus>('/api/v1/council-reports', { period });
      form.reset();
      setNotice(t('monitor.council.queued', { period: periodLabel(period) }));
      await load();
    });
  }

  return (
    <>
      <PageTitle title={t('monitor.council.title')} />
      <Paragraph>{t('monitor.council.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <SelectField {...form.field('period')} value={period} onChange={setPeriod} required
          options={options.map((p) => ({ value: p, label: periodLabel(p) }))} />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" disabled={form.busy}>{t('monitor.council.make')}</Button>
        </div>
      </form>
      <div role="status">{notice && <Alert type="ok"><Paragraph>{notice}</Paragraph></Alert>}</div>
      {!reports ? <Loading /> : reports.length === 0 ? <Paragraph>{t('monitor.council.none')}</Paragraph> : (
        <TableScroll label={t('monitor.council.listTitle')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('monitor.council.period')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('monitor.council.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('monitor.council.requested')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('monitor.council.documents')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {reports.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{periodLabel(r.period)}</TableCell>
                  <TableCell>
                    {r.status === 'done' ? t('monitor.council.statusDone')
                      : r.status === 'failed' ? t('monitor.council.statusFailed', { error: r.error ?? '' })
                      : <><progress max={100} value={r.progress} aria-label={t('monitor.council.progress', { period: periodLabel(r.period) })} /> {t('monitor.council.statusBusy', { n: r.progress })}</>}
                  </TableCell>
                  <TableCell>{r.requestedBy}, {fmt.dateTime(r.requestedAt)}</TableCell>
                  <TableCell>
                    {r.status === 'done' && (
                      <ul className="ww-plain-list">
                        <li><a href={`${base(r.id)}/report.html`} target="_blank" rel="noreferrer">{t('monitor.council.html')}</a></li>
                        <li><a href={`${base(r.id)}/report.pdf`}>{t('monitor.council.pdf')}</a></li>
                        {(tables[r.id] ?? []).map((x) => (
                          <li key={x.id}><a href={`${base(r.id)}/tables/${x.id}.csv`}>{t('monitor.council.csv', { table: x.title })}</a></li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
