import { Alert, Button, Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, useMemo, useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { TextField, TextareaField, useFormErrors } from '../../components/form.tsx';
import { useI18n, useProblemText } from '../../i18n.tsx';

type Imported = { imported: number; removed: number; budgets: { taskField: string; document: string }[] };
type LineError = { line: number; field: string; message: string };

/**
 * One CSV import form (overview lines or adjustments). All or nothing on the server: a refused
 * file lists every bad line with its field, and nothing has changed.
 */
function ImportForm({ kind, onImported }: { kind: 'lines' | 'adjustments'; onImported: (b: { taskField: string; document: string }) => void }) {
  const { t } = useI18n();
  const { localise } = useProblemText();
  const [csv, setCsv] = useState('');
  const [document, setDocument] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<LineError[]>([]);
  const labels = useMemo(() => ({ csv: t('finance.csv'), document: t('finance.document') }), [t]);
  const form = useFormErrors(`budget-${kind}`, labels);

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setCsv(await file.text());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setLineErrors([]);
    const errs: Record<string, string> = {};
    if (kind === 'lines' && !document.trim()) errs.document = t('finance.documentRequired');
    if (!csv.trim()) errs.csv = t('finance.csvRequired');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      try {
        const url = kind === 'lines' ? '/api/v1/budget-lines/imports' : '/api/v1/budget-adjustments/imports';
        const r = await api.post<Imported>(url, csv, { contentType: 'text/csv', query: kind === 'lines' ? { document: document.trim() } : {} });
        form.reset();
        setCsv('');
        setDone(t('finance.imported', { count: r.imported, removed: r.removed }));
        if (r.budgets[0]) onImported(r.budgets[0]);
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'csv_invalid' && Array.isArray(err.problem.errors))) throw err;
        const list = (err.problem.errors as LineError[]).map((x) => ({ ...x, message: localise(x.message) }));
        setLineErrors(list);
        form.fail({ csv: t('finance.csvInvalid', { count: list.length }) });
      }
    });
  }

  const id = `budget-${kind}`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <Heading level={3} id={`${id}-title`}>{t(kind === 'lines' ? 'finance.linesTitle' : 'finance.adjustmentsImportTitle')}</Heading>
      <div role="status">{done && <Alert type="ok"><Paragraph>{done}</Paragraph></Alert>}</div>
      {form.summary}
      {lineErrors.length > 0 && (
        <Alert type="error">
          <UnorderedList className="ww-line-errors">
            {lineErrors.map((x) => (
              <UnorderedListItem key={`${x.line}-${x.field}-${x.message}`}>{t('finance.lineError', { line: x.line, field: x.field, message: x.message })}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      )}
      <form onSubmit={submit} noValidate className="ww-form">
        {kind === 'lines' && <TextField {...form.field('document')} value={document} onChange={setDocument} maxLength={200} required />}
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={`${id}-file`}>{t('finance.file')}</label>
          <div className="utrecht-form-field__input">
            <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e)} />
          </div>
        </div>
        <TextareaField {...form.field('csv')} value={csv} onChange={setCsv} rows={6}
          description={t(kind === 'lines' ? 'finance.linesHelp' : 'finance.adjustmentsHelp')} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('finance.import')}</Button>
      </form>
    </section>
  );
}

export function BudgetImport({ onImported }: { onImported: (b: { taskField: string; document: string }) => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="budget-import-title">
      <Heading level={2} id="budget-import-title">{t('finance.importTitle')}</Heading>
      <Paragraph>{t('finance.importIntro')}</Paragraph>
      <ImportForm kind="lines" onImported={onImported} />
      <ImportForm kind="adjustments" onImported={onImported} />
    </section>
  );
}
