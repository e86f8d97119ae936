import { Alert, Button, Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { MessageSummary, ReceiveResult } from '../../../../src/modules/iwmo/schemas.ts';
import type { z } from 'zod';
import { api } from '../../api.ts';
import { TextareaField } from '../../components/form.tsx';
import { Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import type { Json } from '../../types.ts';
import { useData } from '../admin/use-data.ts';

type Message = Json<MessageSummary>;

/**
 * The error queue (foutenlijst) of incoming iWmo / iJw messages: each rejected message with its
 * readable reasons (line, element, message). The functional administrator reads one again once
 * what it lacked is registered (a provider, a product), or marks it handled with a note.
 */
export function ErrorQueuePage() {
  const t = useT();
  const { forError } = useProblemText();
  const queue = useData<Message[]>('/api/v1/iwmo/rejected-messages');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  return (
    <>
      <PageTitle title={t('iwmo.errorQueue.title')} />
      <Paragraph>{t('iwmo.errorQueue.intro')}</Paragraph>
      <div role="status">{notice && <Alert type={notice.ok ? 'ok' : 'error'}><Paragraph>{notice.text}</Paragraph></Alert>}</div>
      {queue.error ? <Alert type="error"><Paragraph>{forError(queue.error)}</Paragraph></Alert> : null}
      {!queue.data ? <Loading /> : queue.data.length === 0 ? <Paragraph>{t('iwmo.errorQueue.empty')}</Paragraph> : queue.data.map((m) => (
        <Rejected key={m.id} message={m} onDone={(text, ok) => { setNotice({ ok, text }); queue.reload(); }} onError={(e) => setNotice({ ok: false, text: forError(e) })} />
      ))}
    </>
  );
}

function Rejected({ message: m, onDone, onError }: { message: Message; onDone: (text: string, ok: boolean) => void; onError: (e: unknown) => void }) {
  const t = useT();
  const fmt = useFormat();
  const { localise } = useProblemText();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const name = m.message && m.standard ? `${m.standard === 'iwmo' ? 'WMO' : 'JW'}${m.message}` : t('iwmo.errorQueue.unknownMessage');
  const headingId = `rejected-${m.id}`;

  async function run(work: () => Promise<void>) {
    setBusy(true);
    try { await work(); } catch (e) { onError(e); } finally { setBusy(false); }
  }
  const reprocess = () => run(async () => {
    const r = await api.post<Json<z.infer<typeof ReceiveResult>>>(`/api/v1/iwmo/rejected-messages/${encodeURIComponent(m.id)}/reprocess`);
    onDone(t(r.status === 'rejected' ? 'iwmo.errorQueue.stillRejected' : 'iwmo.errorQueue.reprocessed', { name, status: t(`iwmo.status.${r.status}`) }), r.status !== 'rejected');
  });
  const handle = () => {
    if (note.trim().length < 3) return setNoteError(t('iwmo.errorQueue.noteRequired'));
    setNoteError(undefined);
    return run(async () => {
      await api.post(`/api/v1/iwmo/rejected-messages/${encodeURIComponent(m.id)}/handled`, { note: note.trim() });
      onDone(t('iwmo.errorQueue.handled', { name }), true);
    });
  };

  return (
    <section aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>{t('iwmo.errorQueue.messageTitle', { name, date: fmt.dateTime(m.createdAt) })}</Heading>
      <Paragraph>{t('iwmo.errorQueue.from', { sender: m.sender ?? '—', source: m.source ?? '—' })}</Paragraph>
      <Heading level={3}>{t('iwmo.errorQueue.reasons')}</Heading>
      <UnorderedList>
        {(m.problems ?? []).map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id and never reorder
          <UnorderedListItem key={i}>
            {[p.line ? t('iwmo.errorQueue.line', { line: p.line }) : null, p.element ? t('iwmo.errorQueue.element', { element: p.element }) : null].filter(Boolean).join(', ')}
            {p.line || p.element ? ': ' : ''}{localise(p.message)}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <div className="ww-actions">
        <Button type="button" appearance="primary-action-button" disabled={busy} onClick={reprocess}
          aria-label={t('iwmo.errorQueue.reprocessLabel', { name })}>{t('iwmo.errorQueue.reprocess')}</Button>
      </div>
      <TextareaField id={`note-${m.id}`} label={t('iwmo.errorQueue.note', { name })} description={t('iwmo.errorQueue.noteHelp')} value={note} onChange={setNote} error={noteError} rows={2} />
      <Button type="button" appearance="secondary-action-button" disabled={busy} onClick={handle}
        aria-label={t('iwmo.errorQueue.handleLabel', { name })}>{t('iwmo.errorQueue.handle')}</Button>
    </section>
  );
}
