import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../../api.ts';
import { useT } from '../../i18n.tsx';
import type { StaffMessage } from '../../../../src/modules/intake/schemas.ts';

export type { StaffMessage };

/** Fired after a notification is marked read, so the menu count follows at once. */
export const MESSAGES_CHANGED = 'wegwijs:messages-changed';

/** The number of unread staff messages, next to the menu item; refreshed on every page change. */
export function MessageCount() {
  const t = useT();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads on purpose on every change of page
  useEffect(() => {
    let live = true;
    const load = () => void api.get<StaffMessage[]>('/api/v1/me/messages')
      .then((list) => { if (live) setUnread(list.filter((n) => !n.read).length); }).catch(() => {});
    load();
    window.addEventListener(MESSAGES_CHANGED, load);
    return () => { live = false; window.removeEventListener(MESSAGES_CHANGED, load); };
  }, [pathname]);
  if (unread === 0) return null;
  return (
    <>
      {' '}<span className="ww-count" aria-hidden="true">{unread}</span>
      <span className="ww-visually-hidden">{t('messages.unreadCount', { count: unread })}</span>
    </>
  );
}
