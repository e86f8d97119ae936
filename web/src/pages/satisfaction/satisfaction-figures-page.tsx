import { Button, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import type { SatisfactionFigures } from '../../../../src/modules/satisfaction/schemas.ts';
import { api } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n } from '../../i18n.tsx';

/** Cliëntervaringsonderzoek: per desk/team the response rate, % (helemaal) eens per statement and the mean grade. Aggregates only. */
export function SatisfactionFiguresPage() {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [f, setF] = useState<SatisfactionFigures | null>(null);
  const labels = useMemo(() => ({ from: t('satisfaction.figures.from'), to: t('satisfaction.figures.to') }), [t]);
  const form = useFormErrors('satisfaction-figures', labels);
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  // null from the server: a hidden cell (about fewer than 5 clients, or a share whose rest is).
  const n = fmt.count;
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (to < from) return form.fail({ to: t('satisfaction.figures.toBeforeFrom') });
    await form.run(async () => {
      setF(await api.get<SatisfactionFigures>('/api/v1/figures/satisfaction', { query: { from, to } }));
      form.reset();
    });
  }

  const statements = f?.rows[0]?.statements ?? [];
  return (
    <>
      <PageTitle title={t('satisfaction.figures.title')} />
      <Paragraph>{t('satisfaction.figures.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('from')} type="date" value={from} onChange={setFrom} />
        <TextField {...form.field('to')} type="date" value={to} onChange={setTo} />
        <div className="ww-actions"><Button type="submit" appearance="primary-action-button" disabled={form.busy}>{t('satisfaction.figures.show')}</Button></div>
      </form>
      {f && (
        <>
          <TableScroll label={t('satisfaction.figures.responseTitle')}>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('satisfaction.figures.team')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('satisfaction.figures.invited')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('satisfaction.figures.responses')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('satisfaction.figures.responseRate')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('satisfaction.figures.meanGrade')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {f.rows.length === 0 && <TableRow><TableCell colSpan={5}>{t('satisfaction.figures.none')}</TableCell></TableRow>}
                {f.rows.map((r) => (
                  <TableRow key={r.teamId}>
                    <TableHeaderCell scope="row">{r.teamName}</TableHeaderCell>
                    <TableCell>{n(r.invited)}</TableCell>
                    <TableCell>{n(r.responses)}</TableCell>
                    <TableCell>{pct(r.responseRatePct)}</TableCell>
                    <TableCell>{r.meanGrade === null ? '—' : r.meanGrade.toLocaleString(locale, { minimumFractionDigits: 1 })}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableScroll>
          {statements.length > 0 && (
            <TableScroll label={t('satisfaction.figures.agreeTitle')}>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('satisfaction.figures.statement')}</TableHeaderCell>
                    {f.rows.map((r) => <TableHeaderCell key={r.teamId} scope="col">{r.teamName}</TableHeaderCell>)}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {statements.map((s, i) => (
                    <TableRow key={s.key}>
                      <TableHeaderCell scope="row">{t(`satisfaction.theme.${s.theme}`)}: {s.text}</TableHeaderCell>
                      {f.rows.map((r) => <TableCell key={r.teamId}>{pct(r.statements[i]?.agreePct ?? null)}</TableCell>)}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
          )}
          <Paragraph>{t('satisfaction.figures.disclosure', { min: f.disclosure.minCell, round: f.disclosure.roundTo })}</Paragraph>
        </>
      )}
    </>
  );
}
