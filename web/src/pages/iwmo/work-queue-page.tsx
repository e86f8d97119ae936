import { Alert, Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { MessageSummary, RequestLine } from '../../../../src/modules/iwmo/schemas.ts';
import type { Provider } from '../../../../src/modules/indications/schemas.ts';
import type { z } from 'zod';
import { api } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import { useMay } from '../../session.tsx';
import type { Json } from '../../types.ts';
import { useData } from '../admin/use-data.ts';

type Message = Json<MessageSummary>;
type Line = z.infer<typeof RequestLine>;
type ProviderRow = Json<z.infer<typeof Provider>>;

/** RedenAfwijzingVerzoek (WJ759), as the 319 carries it (docs/iwmo.md "Code lists checked"). */
const REJECTION_REASONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09'] as const;

/**
 * The work queue (werkvoorraad) of providers' requests: 315 (verzoek om toewijzing) and 317
 * (verzoek om wijziging) waiting for an answer. Per requested product an adviser takes it into
 * investigation or refuses it with a reason; both go out as a 319. A grant is an indication, sent
 * as a 301 from the client's page.
 */
export function WorkQueuePage() {
  const t = useT();
  const { forError } = useProblemText();
  const requests = useData<Message[]>('/api/v1/iwmo/requests');
  const readsProviders = useMay()('providers.read');
  const providers = useData<ProviderRow[]>(readsProviders ? '/api/v1/providers' : null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const nameOf = (agb: string | null) => providers.data?.find((p) => p.agbCode === agb)?.name ?? agb ?? '';

  return (
    <>
      <PageTitle title={t('iwmo.workQueue.title')} />
      <Paragraph>{t('iwmo.workQueue.intro')}</Paragraph>
      <div role="status">{notice && <Alert type={notice.ok ? 'ok' : 'error'}><Paragraph>{notice.text}</Paragraph></Alert>}</div>
      {requests.error ? <Alert type="error"><Paragraph>{forError(requests.error)}</Paragraph></Alert> : null}
      {!requests.data ? <Loading /> : requests.data.length === 0 ? <Paragraph>{t('iwmo.workQueue.empty')}</Paragraph> : requests.data.map((m) => (
        <RequestCard key={m.id} request={m} provider={nameOf(m.sender)} onAnswered={(text) => { setNotice({ ok: true, text }); requests.reload(); }}
          onError={(e) => setNotice({ ok: false, text: forError(e) })} />
      ))}
    </>
  );
}

function RequestCard({ request, provider, onAnswered, onError }: {
  request: Message; provider: string; onAnswered: (text: string) => void; onError: (e: unknown) => void;
}) {
  const t = useT();
  const fmt = useFormat();
  const answers = useMay()('iwmo.send');
  const lines = useData<Line[]>(`/api/v1/iwmo/requests/${encodeURIComponent(request.id)}/lines`);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const headingId = `request-${request.id}`;
  const kind = t(request.message === '317' ? 'iwmo.workQueue.kind317' : 'iwmo.workQueue.kind315');

  async function answer(line: Line, answer: 'rejected' | 'investigating') {
    const rejectionReason = reasons[line.reference];
    if (answer === 'rejected' && !rejectionReason) return onError({ detail: t('iwmo.workQueue.reasonRequired') });
    setBusy(true);
    try {
      await api.post(`/api/v1/iwmo/requests/${encodeURIComponent(request.id)}/answers`,
        { reference: line.reference, answer, ...(answer === 'rejected' ? { rejectionReason } : {}) });
      onAnswered(t(answer === 'rejected' ? 'iwmo.workQueue.rejected' : 'iwmo.workQueue.investigating', { reference: line.reference, provider }));
      lines.reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>{t('iwmo.workQueue.requestTitle', { kind, provider, date: fmt.dateTime(request.createdAt) })}</Heading>
      {!lines.data ? <Loading /> : (
        <TableScroll label={t('iwmo.workQueue.linesLabel', { kind, provider })}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('iwmo.workQueue.reference')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('iwmo.workQueue.product')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('iwmo.workQueue.period')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('iwmo.workQueue.volume')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('iwmo.workQueue.answer')}</TableHeaderCell>
                {answers && <TableHeaderCell scope="col"><span className="ww-visually-hidden">{t('common.actions')}</span></TableHeaderCell>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {lines.data.map((l) => (
                <TableRow key={l.reference}>
                  <TableCell>{l.reference}</TableCell>
                  <TableCell>{l.productCode ?? '—'}</TableCell>
                  <TableCell>{l.from ? t('iwmo.workQueue.range', { from: fmt.date(l.from), to: l.to ? fmt.date(l.to) : '…' }) : '—'}</TableCell>
                  <TableCell>{l.volume ?? '—'}</TableCell>
                  <TableCell>{t(`iwmo.workQueue.answers.${l.answer ?? 'none'}`)}</TableCell>
                  {answers && (
                    <TableCell>
                      {l.answer !== 'rejected' && (
                        <div className="ww-actions">
                          {l.answer !== 'investigating' && (
                            <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={() => answer(l, 'investigating')}
                              aria-label={t('iwmo.workQueue.investigateLabel', { reference: l.reference })}>{t('iwmo.workQueue.investigate')}</Button>
                          )}
                          <SelectField id={`reason-${request.id}-${l.reference}`} label={t('iwmo.workQueue.reason', { reference: l.reference })}
                            value={reasons[l.reference] ?? ''} onChange={(v) => setReasons((r) => ({ ...r, [l.reference]: v }))}
                            emptyLabel={t('iwmo.workQueue.chooseReason')}
                            options={REJECTION_REASONS.map((c) => ({ value: c, label: t(`iwmo.rejectionReason.${c}`) }))} />
                          <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={() => answer(l, 'rejected')}
                            aria-label={t('iwmo.workQueue.rejectLabel', { reference: l.reference })}>{t('iwmo.workQueue.reject')}</Button>
                        </div>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </section>
  );
}
