import { Alert, Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BudgetView } from '../../../../src/modules/finance/schemas.ts';
import { api } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { PageTitle, TableScroll } from '../../components/page.tsx';
import { useI18n } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';
import { BudgetImport } from './budget-import.tsx';

type BudgetDocument = { taskField: string; document: string; lines: number; adjustments: number };
/** A row key that stays unique where a label is printed twice (the group "Intern resultaat" and its one line). */
function keyed<R extends { label: string }>(rows: readonly R[]): (R & { key: string })[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = seen.get(r.label) ?? 0;
    seen.set(r.label, n + 1);
    return { ...r, key: `${r.label}#${n}` };
  });
}
const keyOf = (d: { taskField: string; document: string }) => JSON.stringify([d.taskField, d.document]);

/** Labels of the overview's main lines the trend chart follows (as the documents spell them). */
const TREND = { income: 'Baten exclusief reserves', expenses: 'Lasten exclusief reserves', balance: 'Saldo' } as const;

/**
 * The task field's budget (issue 19): the overview of baten en lasten and a document's
 * adjustments, laid out as the council documents print them, a multi-year trend and CSV download.
 * Finance imports the files here too.
 */
export function BudgetPage() {
  const { t } = useI18n();
  const mayImport = useMay()('budget.import');
  const [documents, setDocuments] = useState<BudgetDocument[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Bumped by an import, so the tables shown are read again even when the choice stays the same.
  const [imports, setImports] = useState(0);

  const load = useCallback(async (prefer?: { taskField: string; document: string }) => {
    const docs = await api.get<BudgetDocument[]>('/api/v1/budget-documents');
    setDocuments(docs);
    setImports((n) => n + 1);
    setChosen((c) => (prefer ? keyOf(prefer) : c || (docs[0] ? keyOf(docs[0]) : '')));
  }, []);
  useEffect(() => { load().catch(() => setError(t('errors.unexpected'))); }, [load, t]);

  return (
    <>
      <PageTitle title={t('finance.title')} />
      <Paragraph>{t('finance.intro')}</Paragraph>
      {error && <Alert type="error"><Paragraph>{error}</Paragraph></Alert>}
      {documents && documents.length === 0 && <Paragraph>{t('finance.none')}</Paragraph>}
      {documents && documents.length > 0 && (
        <SelectField id="budget-choice" label={t('finance.budget')} value={chosen} onChange={setChosen}
          options={documents.map((d) => ({ value: keyOf(d), label: `${d.taskField} — ${d.document}` }))} />
      )}
      {chosen && <BudgetTables key={`${chosen}#${imports}`} choice={chosen} />}
      {mayImport && <BudgetImport onImported={(b) => void load(b)} />}
    </>
  );
}

function BudgetTables({ choice }: { choice: string }) {
  const { t, lang } = useI18n();
  const [view, setView] = useState<BudgetView | null>(null);
  const [taskField, document] = JSON.parse(choice) as [string, string];
  const query = useMemo(() => new URLSearchParams({ taskField, document }).toString(), [taskField, document]);
  useEffect(() => {
    setView(null);
    api.get<BudgetView>(`/api/v1/budget-overview?${query}`).then(setView, () => setView(null));
  }, [query]);
  const n = useMemo(() => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 0 }), [lang]);
  if (!view) return null;
  const { overview, adjustments } = view;
  const off = adjustments?.reconciliation.filter((r) => r.status !== 'ok') ?? [];

  return (
    <>
      {overview && (
        <section aria-labelledby="budget-overview">
          <Heading level={2} id="budget-overview">{t('finance.overviewTitle', { taskField })}</Heading>
          <TableScroll label={t('finance.overviewTitle', { taskField })}>
            <table className="utrecht-table ww-budget-table">
              <thead className="utrecht-table__header"><tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col"><span className="ww-visually-hidden">{t('finance.overviewTitle', { taskField })}</span></th>
                {overview.columns.map((c) => <th key={c} className="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{c}</th>)}
              </tr></thead>
              <tbody className="utrecht-table__body">
                {keyed(overview.rows).map((r) => (
                  <tr key={r.key} className="utrecht-table__row">
                    <th className="utrecht-table__header-cell" scope="row">{r.label}</th>
                    {r.values.map((v, j) => <td key={overview.columns[j]} className="utrecht-table__cell utrecht-table__cell--numeric">{n.format(v)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Paragraph>{t('finance.amounts')}</Paragraph>
          <TrendChart overview={overview} />
        </section>
      )}
      {adjustments && (
        <section aria-labelledby="budget-adjustments">
          <Heading level={2} id="budget-adjustments">{t('finance.adjustmentsTitle', { document })}</Heading>
          <TableScroll label={t('finance.adjustmentsTitle', { document })}>
            <table className="utrecht-table ww-budget-table">
              <thead className="utrecht-table__header"><tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col"><span className="ww-visually-hidden">{t('finance.adjustmentsTitle', { document })}</span></th>
                <th className="utrecht-table__header-cell" scope="col">{t('finance.category')}</th>
                {adjustments.columns.map((c) => <th key={c} className="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{c}</th>)}
              </tr></thead>
              <tbody className="utrecht-table__body">
                {adjustments.rows.map((r) => (
                  <tr key={`${r.category ?? ''}|${r.label}`} className="utrecht-table__row">
                    <th className="utrecht-table__header-cell" scope="row">{r.label}</th>
                    <td className="utrecht-table__cell">{r.category ?? ''}</td>
                    {r.values.map((v, j) => <td key={adjustments.columns[j]} className="utrecht-table__cell utrecht-table__cell--numeric">{n.format(v)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Paragraph>{t('finance.amounts')} {t('finance.signNote')}</Paragraph>
          {overview && off.length === 0 && <Paragraph>{t('finance.reconciled')}</Paragraph>}
          {off.length > 0 && (
            <Alert type="warning">
              <Heading level={3} appearance="utrecht-heading-4">{t('finance.mismatchTitle')}</Heading>
              <UnorderedList>
                {off.map((r) => (
                  <UnorderedListItem key={r.year}>
                    {r.status === 'no-column'
                      ? t('finance.noColumn', { year: r.year, adjusted: n.format(r.adjusted) })
                      : t('finance.mismatch', { year: r.year, adjusted: n.format(r.adjusted), column: r.column ?? '', saldo: n.format(r.saldo ?? 0), difference: n.format(r.difference ?? 0) })}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            </Alert>
          )}
        </section>
      )}
      <Paragraph>
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/api/v1/budget-overview.csv?${query}`} download>
          {t('finance.download')}
        </a>{' '}
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/api/v1/budget-overview.xlsx?${query}`} download>
          {t('finance.downloadXlsx')}
        </a>
      </Paragraph>
    </>
  );
}

/** Income, expenses and balance across the overview's columns; the same figures are in the table above. */
function TrendChart({ overview }: { overview: NonNullable<BudgetView['overview']> }) {
  const { t } = useI18n();
  const series = (label: string) => overview.rows.find((r) => r.label === label)?.values ?? [];
  const data = overview.columns.map((column, j) => ({
    column, income: series(TREND.income)[j], expenses: series(TREND.expenses)[j], balance: series(TREND.balance)[j],
  }));
  return (
    <figure className="ww-chart" aria-labelledby="budget-trend-title">
      <Heading level={3} id="budget-trend-title">{t('finance.trendTitle')}</Heading>
      <div role="img" aria-label={t('finance.trendLabel')} style={{ width: '100%', height: 280 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="column" />
            <YAxis width={80} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="income" name={t('finance.series.income')} stroke="#1a7f37" isAnimationActive={false} />
            <Line type="monotone" dataKey="expenses" name={t('finance.series.expenses')} stroke="#b42318" strokeDasharray="6 3" isAnimationActive={false} />
            <Line type="monotone" dataKey="balance" name={t('finance.series.balance')} stroke="#1a5f9e" strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption><Paragraph>{t('finance.trendNote')}</Paragraph></figcaption>
    </figure>
  );
}
