import { Button, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import { MESSAGES_CHANGED, type StaffMessage } from './message-count.tsx';

/** The user's own staff messages (e.g. a safety signal from a contact with outcome 6 for the team lead), newest first. */
export function MessagesPage() {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [list, setList] = useState<StaffMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api.get<StaffMessage[]>('/api/v1/me/messages').then(setList).catch((err) => setError(forError(err))), [forError]);
  useEffect(() => { void load(); }, [load]);

  async function markRead(n: StaffMessage) {
    try {
      await api.post(`/api/v1/me/messages/${n.id}/read`);
      setList((xs) => xs?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? null);
      window.dispatchEvent(new Event(MESSAGES_CHANGED));
    } catch (err) {
      setError(forError(err));
    }
  }

  const kind = (k: string) => (k === 'safety_signal' || k === 'safety_access_request' || k === 'reindication_due' ? t(`messages.kind.${k}`) : k);
  return (
    <>
      <PageTitle title={t('messages.title')} />
      <Paragraph>{t('messages.intro')}</Paragraph>
      {error && <Paragraph role="alert">{error}</Paragraph>}
      {!list && !error && <Loading />}
      {list && list.length === 0 && <Paragraph>{t('messages.none')}</Paragraph>}
      <ul className="ww-cards">
        {list?.map((n) => (
          <li key={n.id} className={`ww-box${n.read ? '' : ' ww-unread'}`}>
            <Paragraph>
              <strong>{kind(n.kind)}</strong> · {fmt.dateTime(n.createdAt)} · {n.read ? t('messages.read') : t('messages.unread')}
            </Paragraph>
            <Paragraph>
              {n.clientId && n.clientName
                ? <>{t('messages.client')}: <AppLink to={`/clienten/${n.clientId}`}>{n.clientName}</AppLink></>
                : t('messages.noClient')}
              {n.teamName && <> · {t('messages.team', { team: n.teamName })}</>}
              {n.safetyRecordId && <> · <AppLink to={`/veiligheid/${n.safetyRecordId}`}>{t('safety.access.open')}</AppLink></>}
            </Paragraph>
            {!n.read && (
              <Button appearance="secondary-action-button" onClick={() => void markRead(n)}>
                {t('messages.markRead', { name: n.clientName ?? kind(n.kind) })}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
