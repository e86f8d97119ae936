import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import type { HousingSituationView } from '../../../../src/modules/clients/schemas.ts';
import { api } from '../../api.ts';
import { SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { TableScroll } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';

/** Every situation one can record (the compiler checks none is missing). */
const SITUATIONS = Object.keys({ own_home: 1, sofa_surfing: 1, rough_sleeping: 1, shelter: 1, institution: 1, other: 1 } satisfies Record<HousingSituationView['situation'], 1>);
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** The client's housing situation, dated (e.g. bankslaper), the latest first; a professional who may change the record records a new one. */
export function HousingSituationSection({ clientId, canWrite }: { clientId: string; canWrite: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [list, setList] = useState<HousingSituationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  const [situation, setSituation] = useState('');
  const [since, setSince] = useState(today);
  const labels = useMemo(() => ({ situation: t('housing.situation'), since: t('housing.since') }), [t]);
  const form = useFormErrors('housing-situation', labels);
  const url = `/api/v1/clients/${encodeURIComponent(clientId)}/housing-situations`;
  const load = useCallback(() => api.get<HousingSituationView[]>(url).then((l) => { setList(l); setError(null); }).catch((err) => setError(forError(err))), [url, forError]);
  useEffect(() => { void load(); }, [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!situation) return form.fail({ situation: t('housing.choose') });
    await form.run(async () => {
      await api.post(url, { situation, since });
      setAdding(false);
      setSaved(true);
      setSituation('');
      form.reset();
      await load();
    });
  }

  const word = (s: string) => t(`housing.situations.${s}`);
  const current = list?.[0];
  return (
    <section aria-labelledby="housing-title">
      <Heading level={2} id="housing-title">{t('housing.title')}</Heading>
      <Paragraph>{t('housing.intro')}</Paragraph>
      <div role="status">{saved && <Paragraph>{t('housing.saved')}</Paragraph>}</div>
      {error && <Paragraph>{error}</Paragraph>}
      {list && list.length === 0 && <Paragraph>{t('housing.none')}</Paragraph>}
      {current && <Paragraph>{t('housing.current', { situation: word(current.situation), since: fmt.date(current.since) })}</Paragraph>}
      {list && list.length > 1 && (
        <TableScroll label={t('housing.title')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('housing.situation')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('housing.since')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('housing.recordedAt')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((h) => (
                <TableRow key={h.id}>
                  <TableCell>{word(h.situation)}</TableCell>
                  <TableCell>{fmt.date(h.since)}</TableCell>
                  <TableCell>{fmt.dateTime(h.recordedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      {canWrite && !adding && (
        <div className="ww-actions"><Button appearance="secondary-action-button" onClick={() => { setSaved(false); setAdding(true); }}>{t('housing.record')}</Button></div>
      )}
      {canWrite && adding && (
        <>
          {form.summary}
          <form onSubmit={submit} noValidate className="ww-form">
            <SelectField {...form.field('situation')} value={situation} onChange={setSituation} emptyLabel={t('housing.choose')} required
              options={SITUATIONS.map((s) => ({ value: s, label: word(s) }))} />
            <TextField {...form.field('since')} type="date" value={since} onChange={setSince} required />
            <div className="ww-actions">
              <Button type="submit" appearance="primary-action-button" disabled={form.busy}>{t('housing.save')}</Button>
              <Button appearance="subtle-button" onClick={() => { setAdding(false); form.reset(); }}>{t('housing.cancel')}</Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
