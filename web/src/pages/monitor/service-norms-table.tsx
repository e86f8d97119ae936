import { Heading, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { ServiceNormFigures } from '../../../../src/modules/monitor/schemas.ts';
import { TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';

/** Service norms per indicator and team (issue 19, docs/monitor.md). The server already suppressed small cells: null is "< 5" or "—". */
export function ServiceNormsTable({ figures: f }: { figures: ServiceNormFigures }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const num = fmt.count;
  const stat = (n: number | null, suffix = '') => (n === null ? <abbr title={t('monitor.serviceNorms.hidden')}>—</abbr> : `${num(n)}${suffix}`);
  const norm = Object.fromEntries(f.norms.map((n) => [n.indicator, t(`monitor.serviceNorms.units.${n.unit}`, { n: n.amount })]));
  const title = t('monitor.serviceNorms.title');
  return (
    <section aria-label={title}>
      <Heading level={2} appearance="utrecht-heading-3">{title}</Heading>
      <p className="utrecht-paragraph">{t('monitor.serviceNorms.intro', { date: fmt.date(f.asOf) })}</p>
      {f.rows.length === 0 ? <p className="utrecht-paragraph">{t('monitor.serviceNorms.none')}</p> : (
        <TableScroll label={title}>
          <Table>
            <TableHeader>
              <TableRow>
                {(['indicator', 'team', 'done', 'median', 'p90', 'withinNorm', 'open', 'atRisk', 'overdue'] as const).map((k) => (
                  <TableHeaderCell key={k}>{t(`monitor.serviceNorms.${k}`)}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {f.rows.map((r) => (
                <TableRow key={`${r.indicator}-${r.teamId}`}>
                  <TableCell>{t(`monitor.serviceNorms.indicators.${r.indicator}`, { norm: norm[r.indicator] ?? '' })}</TableCell>
                  <TableCell>{r.teamName}</TableCell>
                  <TableCell>{num(r.done)}</TableCell>
                  <TableCell>{stat(r.medianDays)}</TableCell>
                  <TableCell>{stat(r.p90Days)}</TableCell>
                  <TableCell>{stat(r.withinNormPct, '%')}</TableCell>
                  <TableCell>{num(r.open)}</TableCell>
                  <TableCell>{num(r.atRisk)}</TableCell>
                  <TableCell>{num(r.overdue)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      <p className="utrecht-paragraph">{t('monitor.serviceNorms.disclosure', { min: f.disclosure.minCell, round: f.disclosure.roundTo })}</p>
    </section>
  );
}
