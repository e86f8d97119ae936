import { Alert, Button, Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, useMemo, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { RadioGroup, TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { PostcodeLookup, PostcodeRange } from '../../types.ts';

const POSTCODE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;

export function PostcodeLookupTester() {
  const t = useT();
  const [postcode, setPostcode] = useState('');
  const [result, setResult] = useState<PostcodeLookup | null>(null);
  const labels = useMemo(() => ({ postcode: t('admin.districts.postcode') }), [t]);
  const form = useFormErrors('lookup', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    if (!POSTCODE.test(postcode.trim())) return form.fail({ postcode: t('admin.districts.postcodeFormat') });
    await form.run(async () => {
      setResult(await api.get<PostcodeLookup>(`/api/v1/postcode-lookups/${encodeURIComponent(postcode.trim())}`));
      form.reset();
    });
  }

  return (
    <>
      <Heading level={2} id="lookup-title">{t('admin.districts.lookupTitle')}</Heading>
      <Paragraph>{t('admin.districts.lookupIntro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form ww-inline-form">
        <TextField {...form.field('postcode')} value={postcode} onChange={setPostcode} autoComplete="postal-code" description={t('admin.districts.postcodeFormat')} />
        <Button type="submit" appearance="secondary-action-button">{t('admin.districts.lookup')}</Button>
      </form>
      <div role="status">
        {result && (
          <Alert type="ok">
            <Paragraph>{t('admin.districts.lookupResult', {
              postcode: result.postcode, district: result.districtName, area: result.areaName, team: result.teamName ?? t('admin.districts.noTeam'),
            })}</Paragraph>
          </Alert>
        )}
      </div>
    </>
  );
}

type LineError = { line: number; message: string };
type ImportResult = { imported: number; removed: PostcodeRange[] };
/** Refusals that come with one message per line of the file. */
const LINE_PROBLEMS = ['csv_invalid', 'postcode_range_overlap'];

/**
 * CSV import of postcode ranges. Adds by default; replacing first shows which ranges will go
 * (a dry run) and only then asks to confirm, because one short file once removed the whole city.
 */
export function PostcodeImport({ onImported }: { onImported: () => void }) {
  const t = useT();
  const { localise } = useProblemText();
  const [csv, setCsv] = useState('');
  const [mode, setMode] = useState('append');
  const [lineErrors, setLineErrors] = useState<LineError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<PostcodeRange[] | null>(null);
  const labels = useMemo(() => ({ csv: t('admin.districts.csv'), file: t('admin.districts.file'), mode: t('admin.districts.mode') }), [t]);
  const form = useFormErrors('import', labels);

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) { setCsv(await file.text()); setToRemove(null); }
  }

  async function send(query: Record<string, string>) {
    setDone(null);
    setLineErrors([]);
    await form.run(async () => {
      try {
        const r = await api.post<ImportResult>('/api/v1/postcode-ranges/imports', csv, { contentType: 'text/csv', query });
        form.reset();
        if (query.dryRun === 'true') return setToRemove(r.removed);
        setToRemove(null);
        setDone(t(r.imported === 1 ? 'admin.districts.importedOne' : 'admin.districts.imported', { count: r.imported }));
        onImported();
      } catch (err) {
        if (!(err instanceof ApiError && LINE_PROBLEMS.includes(err.code ?? '') && Array.isArray(err.problem.errors))) throw err;
        setToRemove(null);
        const errs = (err.problem.errors as LineError[]).map((x) => ({ line: x.line, message: localise(x.message) }));
        setLineErrors(errs);
        form.fail({ csv: t(err.code === 'csv_invalid' ? 'admin.districts.csvInvalid' : 'admin.districts.overlapInvalid', { count: errs.length }) });
      }
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!csv.trim()) return form.fail({ csv: t('admin.districts.csvRequired') });
    await send(mode === 'replace' ? { mode, dryRun: 'true' } : { mode });
  }

  return (
    <>
      <Heading level={2} id="import-title">{t('admin.districts.importTitle')}</Heading>
      <Paragraph>{t('admin.districts.importIntro')}</Paragraph>
      <div role="status">{done && <Alert type="ok"><Paragraph>{done}</Paragraph></Alert>}</div>
      {form.summary}
      {lineErrors.length > 0 && (
        <Alert type="error">
          <Heading level={3} appearance="utrecht-heading-4">{t('admin.districts.lineErrorsTitle')}</Heading>
          <UnorderedList className="ww-line-errors">
            {lineErrors.map((x) => <UnorderedListItem key={`${x.line}-${x.message}`}>{x.line ? t('admin.districts.lineError', { line: x.line, message: x.message }) : x.message}</UnorderedListItem>)}
          </UnorderedList>
        </Alert>
      )}
      <form onSubmit={submit} noValidate className="ww-form">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="import-file">{labels.file}</label>
          <div className="utrecht-form-field__input">
            <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e)} />
          </div>
        </div>
        <TextareaField {...form.field('csv')} value={csv} onChange={(v) => { setCsv(v); setToRemove(null); }} rows={8} description={t('admin.districts.csvHelp')} />
        <RadioGroup {...form.field('mode')} value={mode} onChange={(v) => { setMode(v); setToRemove(null); }}
          options={[{ value: 'append', label: t('admin.districts.modeAppend') }, { value: 'replace', label: t('admin.districts.modeReplace') }]} />
        {!toRemove && <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t(mode === 'replace' ? 'admin.districts.replaceCheck' : 'admin.districts.import')}</Button>}
      </form>
      {toRemove && (
        <Alert type="warning">
          <Heading level={3} appearance="utrecht-heading-4" id="replace-confirm-title" tabIndex={-1} ref={(el) => el?.focus()}>
            {t('admin.districts.replaceConfirmTitle', { count: toRemove.length })}
          </Heading>
          <UnorderedList className="ww-scroll-list" aria-labelledby="replace-confirm-title">
            {toRemove.map((r) => <UnorderedListItem key={r.id}>{r.from} – {r.to}: {r.districtName}</UnorderedListItem>)}
          </UnorderedList>
          <div className="ww-actions">
            <Button type="button" appearance="primary-action-button" busy={form.busy} disabled={form.busy}
              onClick={() => void send({ mode: 'replace', confirm: 'true' })}>{t('admin.districts.replaceConfirm', { count: toRemove.length })}</Button>
            <Button type="button" appearance="secondary-action-button" onClick={() => setToRemove(null)}>{t('common.cancel')}</Button>
          </div>
        </Alert>
      )}
    </>
  );
}
