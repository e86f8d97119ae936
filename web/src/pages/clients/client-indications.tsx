import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { ClientIndication } from '../../../../src/modules/indications/schemas.ts';
import type { MessageSummary } from '../../../../src/modules/iwmo/schemas.ts';
import { api } from '../../api.ts';
import { TableScroll } from '../../components/page.tsx';
import { useFormat, useI18n, useProblemText } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';
import { IndicationVersions } from './indication-versions.tsx';

type Indication = z.infer<typeof ClientIndication>;
type Message = Omit<MessageSummary, 'createdAt'> & { createdAt: string };

/**
 * The client's indications (what a granting decision assigns, with its cost) and the iWmo/iJw
 * messages exchanged about them with providers; a Wmo adviser sends the provider the current
 * set of assignments (301) from here.
 */
export function ClientIndications({ clientId }: { clientId: string }) {
  const { t, lang } = useI18n();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const may = useMay();
  const [indications, setIndications] = useState<Indication[] | null>(null);
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState<string | null>(null);
  const id = encodeURIComponent(clientId);
  const [readsIndications, readsMessages] = [may('indications.read'), may('iwmo.read')];
  const load = useCallback(async () => {
    if (readsIndications) setIndications(await api.get<Indication[]>(`/api/v1/clients/${id}/indications`));
    if (readsMessages) setMessages(await api.get<Message[]>(`/api/v1/clients/${id}/iwmo-messages`));
  }, [id, readsIndications, readsMessages]);
  useEffect(() => { load().catch((e) => setNotice({ ok: false, text: forError(e) })); }, [load, forError]);
  if (!readsIndications || !indications || indications.length === 0) return null;

  const providers = [...new Map(indications.map((i) => [i.providerId, i.providerName])).entries()];
  const euro = (cents: number) => (cents / 100).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' });
  async function send(providerId: string, name: string) {
    setBusy(true);
    setNotice(null);
    try {
      const m = await api.post<Message>(`/api/v1/clients/${id}/iwmo-assignments`, { providerId });
      setNotice({ ok: true, text: t('indications.sent', { provider: name, number: m.identification ?? '' }) });
      await load();
    } catch (e) {
      setNotice({ ok: false, text: forError(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="indications-title" className="ww-section">
      <Heading level={2} id="indications-title">{t('indications.title')}</Heading>
      <TableScroll label={t('indications.title')}>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('indications.product')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.provider')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.period')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.volume')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.cost')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('indications.delivery')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {indications.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{i.productCode} {i.productName} ({i.form})</TableCell>
                <TableCell>{i.providerName}</TableCell>
                <TableCell>
                  {i.withdrawn ? t('indications.withdrawn') : t('indications.range', { from: fmt.date(i.validFrom), to: fmt.date(i.validTo) })}
                  {(i.version > 1 || i.follows) && (
                    <> <Button type="button" appearance="subtle-button" onClick={() => setHistory(history === i.id ? null : i.id)} aria-expanded={history === i.id}
                      aria-label={t('indications.historyLabel', { product: i.productCode, provider: i.providerName })}>{t('indications.history')}</Button></>
                  )}
                </TableCell>
                <TableCell>{t(`indications.per.${i.frequency}`, { n: i.volume, unit: t(`indications.unit.${i.unit}`) })}</TableCell>
                <TableCell>{i.cost ? euro(i.cost.eurocents) : t('indications.noCost')}</TableCell>
                <TableCell>
                  {i.stoppedOn ? t('indications.stopped', { date: fmt.date(i.stoppedOn) })
                    : i.startedOn ? t('indications.started', { date: fmt.date(i.startedOn) }) : t('indications.notStarted')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScroll>
      {history && indications.some((i) => i.id === history) && (() => {
        const i = indications.find((x) => x.id === history)!;
        return <IndicationVersions key={i.id} indicationId={i.id} title={t('indications.historyTitle', { product: i.productCode, provider: i.providerName })} />;
      })()}
      {may('iwmo.send') && (
        <div className="ww-actions">
          {providers.map(([pid, name]) => (
            <Button key={pid} type="button" appearance="secondary-action-button" disabled={busy} onClick={() => send(pid, name)}>
              {t('indications.send', { provider: name })}
            </Button>
          ))}
        </div>
      )}
      <div role="status">{notice && <Alert type={notice.ok ? 'ok' : 'error'}><Paragraph>{notice.text}</Paragraph></Alert>}</div>
      {messages && (
        <>
          <Heading level={3}>{t('indications.messagesTitle')}</Heading>
          {messages.length === 0 ? <Paragraph>{t('indications.noMessages')}</Paragraph> : (
            <TableScroll label={t('indications.messagesTitle')}>
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('indications.message')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('indications.direction')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('indications.number')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('indications.when')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('indications.state')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {[...messages].reverse().map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>{m.message ? t('indications.messageName', { standard: m.standard === 'ijw' ? 'iJw' : 'iWmo', n: m.message }) : '—'}</TableCell>
                      <TableCell>{t(`indications.dir.${m.direction}`)}</TableCell>
                      <TableCell>{m.identification ?? ''}</TableCell>
                      <TableCell>{fmt.dateTime(m.createdAt)}</TableCell>
                      <TableCell>{t(`indications.status.${m.status}`)}{m.problems?.length ? `: ${m.problems.map((p) => p.message).join('; ')}` : ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroll>
          )}
        </>
      )}
    </section>
  );
}
