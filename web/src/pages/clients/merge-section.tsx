import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { TextareaField, TextField, useFormErrors } from '../../components/form.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import type { Client } from '../../types.ts';

import type { ClientHit as Hit, MergeListItem as Merge } from '../../../../src/modules/clients/schemas.ts';

export type { Merge };

/**
 * Merge a record without BSN (homeless, undocumented, unknown) into this one, after an explicit
 * confirmation step; and undo a merge within 30 days. Only records the user may open are offered.
 */
/** `initial`: the merges as the client page loaded them. */
export function MergeSection({ client, initial, canMerge, onChanged }: { client: Client; initial: Merge[]; canMerge: boolean; onChanged: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [merges, setMerges] = useState<Merge[]>(initial);
  const [name, setName] = useState(client.surname);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [chosen, setChosen] = useState<Hit | null>(null);
  const [reason, setReason] = useState('');
  const [undoing, setUndoing] = useState<Merge | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const labels = useMemo(() => ({ name: t('merge.search'), reason: t('merge.reason') }), [t]);
  const form = useFormErrors('merge', labels);
  const base = `/api/v1/clients/${encodeURIComponent(client.id)}`;

  const reload = useCallback(() => api.get<Merge[]>(`${base}/merges`).then(setMerges).catch(() => setMerges([])), [base]);
  useEffect(() => setMerges(initial), [initial]);

  async function search(e: FormEvent) {
    e.preventDefault();
    if (name.trim().length < 2) return form.fail({ name: t('merge.error.name') });
    form.reset();
    try {
      const found = await api.post<Hit[]>('/api/v1/client-searches', { name: name.trim() });
      setHits(found.filter((h) => h.visibility === 'full' && !h.bsnMasked && h.id !== client.id));
    } catch (err) {
      form.handleError(err);
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    if (reason.trim().length < 10) return form.fail({ reason: t('merge.error.reason') });
    await form.run(async () => {
      await api.post(`${base}/merges`, { mergedClientId: chosen.id, reason: reason.trim() });
      setMessage(t('merge.done', { merged: chosen.displayName, survivor: client.displayName }));
      setChosen(null);
      setHits(null);
      setReason('');
      form.reset();
      await reload();
      onChanged();
    });
  }

  async function undo(m: Merge) {
    // Shares the busy flag with the merge form; its errors go to the message, not the form.
    await form.run(async () => {
      try {
        await api.post(`/api/v1/client-merges/${m.id}/undo`);
        setMessage(t('merge.undone', { name: m.mergedClientName }));
        setUndoing(null);
        await reload();
        onChanged();
      } catch (err) {
        setMessage(forError(err));
      }
    });
  }

  return (
    <section aria-labelledby="merge-title">
      <Heading level={2} id="merge-title">{t('merge.title')}</Heading>
      <div role="status">{message && <Paragraph>{message}</Paragraph>}</div>
      {merges.length > 0 && (
        <ul className="ww-cards">
          {merges.map((m) => (
            <li key={m.id} className="ww-box">
              <Paragraph>
                {t('merge.merged', { name: m.mergedClientName, date: fmt.dateTime(m.mergedAt) })}{' '}
                {m.undoneAt ? t('merge.undoneAt', { date: fmt.dateTime(m.undoneAt) }) : m.undoable ? t('merge.undoableUntil', { date: fmt.date(m.undoableUntil) }) : t('merge.final')}
              </Paragraph>
              {canMerge && m.undoable && undoing?.id !== m.id && (
                <Button appearance="secondary-action-button" onClick={() => setUndoing(m)}>{t('merge.undo', { name: m.mergedClientName })}</Button>
              )}
              {undoing?.id === m.id && (
                <Alert type="warning">
                  <Paragraph>{t('merge.undoConfirm', { name: m.mergedClientName })}</Paragraph>
                  <div className="ww-actions">
                    <Button appearance="primary-action-button" hint="warning" busy={form.busy} disabled={form.busy} onClick={() => void undo(m)}>{t('merge.undoYes')}</Button>
                    <Button appearance="secondary-action-button" onClick={() => setUndoing(null)}>{t('common.cancel')}</Button>
                  </div>
                </Alert>
              )}
            </li>
          ))}
        </ul>
      )}
      {canMerge && (
        <>
          <Paragraph>{t('merge.intro')}</Paragraph>
          {form.summary}
          {!chosen && (
            <form onSubmit={search} noValidate className="ww-form">
              <TextField {...form.field('name')} value={name} onChange={setName} autoComplete="off" description={t('merge.searchHelp')} />
              <div className="ww-actions"><Button type="submit" appearance="secondary-action-button">{t('merge.find')}</Button></div>
            </form>
          )}
          {!chosen && hits && hits.length === 0 && <Paragraph>{t('merge.noHits')}</Paragraph>}
          {!chosen && hits && hits.length > 0 && (
            <ul className="ww-cards">
              {hits.map((h) => (
                <li key={h.id} className="ww-box">
                  <Paragraph><strong>{h.displayName}</strong>{h.birthDate ? `, ${fmt.date(h.birthDate)}` : ''}{h.address ? `, ${h.address}` : ''} — {t('merge.noBsn')}</Paragraph>
                  <Button appearance="secondary-action-button" onClick={() => setChosen(h)}>{t('merge.choose', { name: h.displayName })}</Button>
                </li>
              ))}
            </ul>
          )}
          {chosen && (
            <Alert type="warning">
              <Heading level={3}>{t('merge.confirmTitle')}</Heading>
              <Paragraph>{t('merge.confirmText', { merged: chosen.displayName, survivor: client.displayName })}</Paragraph>
              <form onSubmit={confirm} noValidate className="ww-form">
                <TextareaField {...form.field('reason')} value={reason} onChange={setReason} rows={2} required description={t('merge.reasonHelp')} />
                <div className="ww-actions">
                  <Button type="submit" appearance="primary-action-button" hint="warning" busy={form.busy} disabled={form.busy}>{t('merge.confirm')}</Button>
                  <Button type="button" appearance="secondary-action-button" onClick={() => { setChosen(null); form.reset(); }}>{t('common.cancel')}</Button>
                </div>
              </form>
            </Alert>
          )}
        </>
      )}
    </section>
  );
}
