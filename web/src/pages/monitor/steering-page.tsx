import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import type { IndicationFigures } from '../../../../src/modules/monitor/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';

const BY = ['product', 'provider', 'team', 'adviser'] as const;

/** Sturing op indicaties: per product, provider, team or adviser, and spend against the budget. Aggregates only. */
export function SteeringPage() {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [by, setBy] = useState<(typeof BY)[number]>('product');
  const [f, setF] = useState<IndicationFigures | null>(null);
  const labels = useMemo(() => ({ from: t('steering.from'), to: t('steering.to'), by: t('steering.by') }), [t]);
  const form = useFormErrors('steering', labels);
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  // The server sends null for a hidden cell (fewer than 5 clients, or the amount that would give one back).
  const n = fmt.count;
  const eur = (v: number | null) => (v === null ? t('steering.hidden') : `€ ${v.toLocaleString(locale)}`);
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (to < from) return form.fail({ to: t('steering.toBeforeFrom') });
    await form.run(async () => {
      setF(await api.get<IndicationFigures>('/api/v1/figures/indications', { query: { from, to, by } }));
      form.reset();
    });
  }

  const rows = f ? [...f.rows, f.total] : [];
  return (
    <>
      <PageTitle title={t('steering.title')} />
      <Paragraph>{t('steering.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('from')} type="date" value={from} onChange={setFrom} />
        <TextField {...form.field('to')} type="date" value={to} onChange={setTo} />
        <SelectField {...form.field('by')} value={by} onChange={(v) => setBy(v as (typeof BY)[number])} options={BY.map((b) => ({ value: b, label: t(`steering.byValue.${b}`) }))} />
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button" disabled={form.busy}>{t('steering.show')}</Button></div>
      </form>
      {f && (
        <>
          <section aria-labelledby="steering-budget">
            <Heading level={2} id="steering-budget">{t('steering.budgetTitle', { year: f.budget.year })}</Heading>
            <dl className="ww-dl">
              <dt>{t('steering.budget')}</dt>
              <dd>{f.budget.budgetEuros === null ? t('steering.noBudget', { column: f.budget.column }) : `${eur(f.budget.budgetEuros)} (${f.budget.document})`}</dd>
              <dt>{t('steering.spent', { date: f.asOf })}</dt><dd>{eur(f.budget.spentEuros)}</dd>
              <dt>{t('steering.forecast')}</dt><dd>{eur(f.budget.forecastEuros)}
                {f.budget.budgetEuros !== null && f.budget.forecastEuros !== null && f.budget.forecastEuros > f.budget.budgetEuros
                  && <strong> {t('steering.overBudget', { amount: eur(f.budget.forecastEuros - f.budget.budgetEuros) })}</strong>}</dd>
            </dl>
            <Paragraph>{t('steering.forecastNote')}{f.budget.unpriced ? ` ${t('steering.unpriced', { n: f.budget.unpriced })}` : ''}</Paragraph>
          </section>
          <TableScroll label={t('steering.tableTitle')}>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t(`steering.byValue.${f.by}`)}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('steering.indications')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('steering.clients')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('steering.active', { date: f.asOf })}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('steering.meanDays')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('steering.durations')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('steering.amount')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('steering.reindication')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.length === 1 && <TableRow><TableCell colSpan={8}>{t('steering.none')}</TableCell></TableRow>}
                {rows.map((r) => (
                  <TableRow key={r.key}>
                    <TableHeaderCell scope="row">{r.key === 'total' ? t('steering.total') : r.label}</TableHeaderCell>
                    <TableCell>{n(r.indications)}</TableCell>
                    <TableCell>{n(r.clients)}</TableCell>
                    <TableCell>{n(r.activeClients)}</TableCell>
                    <TableCell>{r.meanDays === null ? '—' : r.meanDays}</TableCell>
                    <TableCell>{t('steering.bands', { a: n(r.durations.upTo3Months), b: n(r.durations.upTo6Months), c: n(r.durations.upTo12Months), d: n(r.durations.longer) })}</TableCell>
                    <TableCell>{eur(r.euros)}</TableCell>
                    <TableCell>{pct(r.reindicationPct)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
          <Paragraph>{t('steering.disclosure', { min: f.disclosure.minCell, round: f.disclosure.roundTo })}</Paragraph>
        </>
      )}
    </>
  );
}
