import { Button, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useFormat, useProblemText, useT } from '../../i18n.tsx';
import { NOTIFICATIONS_CHANGED, type UserNotification } from './notification-count.tsx';

/** The user's own notifications (e.g. a safety signal from a contact with outcome 6 for the team lead), newest first. */
export function NotificationsPage() {
  const t = useT();
  const fmt = useFormat();
  const { forError } = useProblemText();
  const [list, setList] = useState<UserNotification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api.get<UserNotification[]>('/api/v1/me/notifications').then(setList).catch((err) => setError(forError(err))), [forError]);
  useEffect(() => { void load(); }, [load]);

  async function markRead(n: UserNotification) {
    try {
      await api.post(`/api/v1/me/notifications/${n.id}/read`);
      setList((xs) => xs?.map((x) => (x.id === n.id ? { ...x, read: true } : x)) ?? null);
      window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    } catch (err) {
      setError(forError(err));
    }
  }

  const kind = (k: string) => (k === 'safety_signal' || k === 'safety_access_request' || k === 'reindication_due' ? t(`notifications.kind.${k}`) : k);
  return (
    <>
      <PageTitle title={t('notifications.title')} />
      <Paragraph>{t('notifications.intro')}</Paragraph>
      {error && <Paragraph role="alert">{error}</Paragraph>}
      {!list && !error && <Loading />}
      {list && list.length === 0 && <Paragraph>{t('notifications.none')}</Paragraph>}
      <ul className="ww-cards">
        {list?.map((n) => (
          <li key={n.id} className={`ww-box${n.read ? '' : ' ww-unread'}`}>
            <Paragraph>
              <strong>{kind(n.kind)}</strong> · {fmt.dateTime(n.createdAt)} · {n.read ? t('notifications.read') : t('notifications.unread')}
            </Paragraph>
            <Paragraph>
              {n.clientId && n.clientName
                ? <>{t('notifications.client')}: <AppLink to={`/clienten/${n.clientId}`}>{n.clientName}</AppLink></>
                : t('notifications.noClient')}
              {n.teamName && <> · {t('notifications.team', { team: n.teamName })}</>}
              {n.safetyRecordId && <> · <AppLink to={`/veiligheid/${n.safetyRecordId}`}>{t('safety.access.open')}</AppLink></>}
            </Paragraph>
            {!n.read && (
              <Button appearance="secondary-action-button" onClick={() => void markRead(n)}>
                {t('notifications.markRead', { name: n.clientName ?? kind(n.kind) })}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
