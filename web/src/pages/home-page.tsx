import { Heading, Paragraph } from '@utrecht/component-library-react';
import { AppLink, PageTitle } from '../components/page.tsx';
import { useT } from '../i18n.tsx';
import { navFor } from '../routes.tsx';
import { useUser } from '../session.tsx';

/** Home per role: a greeting and the tasks of the user's roles, each with one line of explanation. */
export function HomePage() {
  const t = useT();
  const user = useUser();
  const tasks = navFor(user.roles);
  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.greeting', { name: user.displayName })}</PageTitle>
      <Paragraph appearance="lead">
        {t('home.roles', { roles: user.roles.map((r) => t(`common.roles.${r}`)).join(', ') })}
      </Paragraph>
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
