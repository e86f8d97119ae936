import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import type { UserNotification } from '../../../../src/modules/intake/schemas.ts';

export type { UserNotification };

/** Fired after a notification is marked read, so the menu count follows at once. */
export const NOTIFICATIONS_CHANGED = 'wegwijs:notifications-changed';

/** The number of unread notifications, next to the menu item; refreshed on every page change. */
export function NotificationCount() {
  const t = useT();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads on purpose on every change of page
  useEffect(() => {
    let live = true;
    const load = () => void api.get<UserNotification[]>('/api/v1/me/notifications')
      .then((list) => { if (live) setUnread(list.filter((n) => !n.read).length); }).catch(() => {});
    load();
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => { live = false; window.removeEventListener(NOTIFICATIONS_CHANGED, load); };
  }, [pathname]);
  if (unread === 0) return null;
  return (
    <>
      {' '}<span className="ww-count" aria-hidden="true">{unread}</span>
      <span className="ww-visually-hidden">{t('notifications.unreadCount', { count: unread })}</span>
    </>
  );
}
