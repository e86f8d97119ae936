import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ConsentPurpose } from '../../../../src/modules/clients/consent-purpose.ts';
import { api } from '../../api.ts';
import { RadioGroup, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { TableScroll } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';

import type { ConsentView as Consent } from '../../../../src/modules/clients/schemas.ts';

export type { Consent };
const HOW = ['verbal', 'written', 'digital'] as const;
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** Consent (toestemming) per purpose and recipient: list, register, withdraw. Withdrawn consent stays listed, with its date. */
/** `initial`: the consents as the client page loaded them (no second read on opening the page). */
export function ConsentsSection({ clientId, initial, canWrite }: { clientId: string; initial: Consent[]; canWrite: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [list, setList] = useState<Consent[] | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const url = `/api/v1/clients/${encodeURIComponent(clientId)}/consents`;

  const reload = useCallback(() => api.get<Consent[]>(url).then((l) => { setList(l); setError(null); }).catch((err) => setError(forError(err))), [url, forError]);
  useEffect(() => setList(initial), [initial]);

  const purpose = (p: string) => t(`consent.purpose.${p}`);
  return (
    <section aria-labelledby="consents-title">
      <Heading level={2} id="consents-title">{t('consent.title')}</Heading>
      <div role="status">{message && <Paragraph>{message}</Paragraph>}</div>
      {error && <Paragraph>{error}</Paragraph>}
      {list && list.length === 0 && <Paragraph>{t('consent.none')}</Paragraph>}
      {list && list.length > 0 && (
        <TableScroll label={t('consent.title')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('consent.field.purpose')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('consent.field.recipient')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('consent.field.givenOn')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('consent.status')}</TableHeaderCell>
                {canWrite && <TableHeaderCell scope="col">{t('common.actions')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{purpose(c.purpose)}</TableCell>
                  <TableCell>{c.recipient}</TableCell>
                  <TableCell>{fmt.date(c.givenOn)} ({t(`consent.how.${c.givenHow}`)})</TableCell>
                  <TableCell>{c.active ? t('consent.active') : t('consent.withdrawnOn', { date: fmt.date(c.withdrawnOn) })}</TableCell>
                  {canWrite && (
                    <TableCell>
                      {c.active && (
                        <Button appearance="subtle-button" onClick={() => { setWithdrawing(c); setAdding(false); }}>
                          {t('consent.withdraw', { purpose: purpose(c.purpose), recipient: c.recipient })}
                        </Button>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
      {canWrite && !adding && !withdrawing && (
        <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>{t('consent.add')}</Button>
      )}
      {canWrite && adding && <ConsentForm url={url} onDone={(c) => { setAdding(false); if (c) { setMessage(t('consent.added', { purpose: purpose(c.purpose), recipient: c.recipient })); void reload(); } }} />}
      {canWrite && withdrawing && (
        <WithdrawForm url={`${url}/${withdrawing.id}/withdrawal`} consent={withdrawing} purpose={purpose(withdrawing.purpose)}
          onDone={(done) => { setWithdrawing(null); if (done) { setMessage(t('consent.withdrawn', { purpose: purpose(withdrawing.purpose), recipient: withdrawing.recipient })); void reload(); } }} />
      )}
    </section>
  );
}

function ConsentForm({ url, onDone }: { url: string; onDone: (c: Consent | null) => void }) {
  const t = useT();
  const [c, setC] = useState({ purpose: '', recipient: '', givenOn: today(), givenHow: 'verbal' });
  const key = useRef(crypto.randomUUID());
  const labels = useMemo(() => Object.fromEntries(['purpose', 'recipient', 'givenOn', 'givenHow'].map((k) => [k, t(`consent.field.${k}`)])), [t]);
  const form = useFormErrors('consent', labels);
  const set = (k: keyof typeof c) => (v: string) => setC((x) => ({ ...x, [k]: v }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!c.purpose) errs.purpose = t('consent.error.purpose');
    if (c.recipient.trim().length < 2) errs.recipient = t('consent.error.recipient');
    if (!c.givenOn) errs.givenOn = t('consent.error.givenOn');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      onDone(await api.post<Consent>(url, { ...c, recipient: c.recipient.trim() }, { headers: { 'idempotency-key': key.current } }));
    });
  }
  return (
    <div className="ww-box">
      <Heading level={3}>{t('consent.add')}</Heading>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <SelectField {...form.field('purpose')} value={c.purpose} onChange={set('purpose')} emptyLabel={t('common.choose')} required
          options={Object.values(ConsentPurpose).map((p) => ({ value: p, label: t(`consent.purpose.${p}`) }))} />
        <TextField {...form.field('recipient')} value={c.recipient} onChange={set('recipient')} required description={t('consent.recipientHelp')} />
        <TextField {...form.field('givenOn')} type="date" value={c.givenOn} onChange={set('givenOn')} required />
        <RadioGroup {...form.field('givenHow')} value={c.givenHow} onChange={set('givenHow')} options={HOW.map((h) => ({ value: h, label: t(`consent.how.${h}`) }))} />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('consent.save')}</Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => onDone(null)}>{t('common.cancel')}</Button>
        </div>
      </form>
    </div>
  );
}

function WithdrawForm({ url, consent, purpose, onDone }: { url: string; consent: Consent; purpose: string; onDone: (done: boolean) => void }) {
  const t = useT();
  const [w, setW] = useState({ withdrawnOn: today(), withdrawnHow: 'verbal' });
  const labels = useMemo(() => ({ withdrawnOn: t('consent.field.withdrawnOn'), withdrawnHow: t('consent.field.withdrawnHow') }), [t]);
  const form = useFormErrors('withdraw', labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!w.withdrawnOn) return form.fail({ withdrawnOn: t('consent.error.withdrawnOn') });
    await form.run(async () => {
      await api.post(url, w);
      onDone(true);
    });
  }
  return (
    <div className="ww-box">
      <Heading level={3}>{t('consent.withdrawTitle', { purpose, recipient: consent.recipient })}</Heading>
      <Paragraph>{t('consent.withdrawText')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('withdrawnOn')} type="date" value={w.withdrawnOn} onChange={(v) => setW((x) => ({ ...x, withdrawnOn: v }))} required />
        <RadioGroup {...form.field('withdrawnHow')} value={w.withdrawnHow} onChange={(v) => setW((x) => ({ ...x, withdrawnHow: v }))}
          options={HOW.map((h) => ({ value: h, label: t(`consent.how.${h}`) }))} />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" hint="warning" busy={form.busy} disabled={form.busy}>{t('consent.confirmWithdraw')}</Button>
          <Button type="button" appearance="secondary-action-button" onClick={() => onDone(false)}>{t('common.cancel')}</Button>
        </div>
      </form>
    </div>
  );
}
