import { Heading, Paragraph } from '@utrecht/component-library-react';
import { AppLink, PageTitle } from '../components/page.tsx';
import { useT } from '../i18n.tsx';
import { navFor } from '../routes.tsx';
import { useUser } from '../session.tsx';
import type { WaitingWork } from '../types.ts';
import { useData } from './admin/use-data.ts';

/** Which count belongs to which menu item. */
const COUNT_OF_PATH: Record<string, keyof WaitingWork> = {
  '/teaminbox': 'referralsOpen', '/loketinbox': 'referralsOpen', '/digitale-vragen': 'digitalQuestions', '/berichten': 'unreadMessages',
};
/** The count's sentence: home.waiting.<key>, with _none and _one variants. */
const sentenceKey = (key: keyof WaitingWork, n: number) => `home.waiting.${key}${n === 0 ? 'None' : n === 1 ? 'One' : ''}`;

/**
 * Home per role: a greeting, the waiting work with counts (open referrals, digital questions,
 * unread messages, for the roles that have that work), and the tasks of the user's roles.
 */
export function HomePage() {
  const t = useT();
  const user = useUser();
  const tasks = navFor(user.roles);
  const work = useData<WaitingWork>('/api/v1/me/waiting-work');
  const countFor = (path: string) => {
    const key = COUNT_OF_PATH[path];
    const n = key && work.data ? work.data[key] : null;
    return key && n !== null && n !== undefined ? { key, n } : null;
  };
  const waiting = tasks.map((r) => ({ r, c: countFor(r.path) })).filter((x) => x.c !== null);
  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.greeting', { name: user.displayName })}</PageTitle>
      <Paragraph appearance="lead">
        {t('home.roles', { roles: user.roles.map((r) => t(`common.roles.${r}`)).join(', ') })}
      </Paragraph>
      {waiting.length > 0 && (
        <section aria-labelledby="waiting-title">
          <Heading level={2} id="waiting-title">{t('home.waiting.title')}</Heading>
          <ul className="ww-tasks ww-waiting">
            {waiting.map(({ r, c }) => (
              <li key={r.path} className={`ww-task${c!.n > 0 ? ' ww-task-waiting' : ''}`}>
                <AppLink to={r.path}>{t(sentenceKey(c!.key, c!.n), { count: c!.n })}</AppLink>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Heading level={2}>{t('home.tasksTitle')}</Heading>
      <ul className="ww-tasks">
        {tasks.map((r) => (
          <li key={r.path} className="ww-task">
            <AppLink to={r.path}>{t(r.nav!)}</AppLink>
            {r.home && <Paragraph>{t(r.home)}</Paragraph>}
          </li>
        ))}
      </ul>
    </>
  );
}
