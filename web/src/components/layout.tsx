/** Page frame: skip link, header (app name, user, teams, language, log out), role menu, main, footer. */
import { Button, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { Link as RouterLink, NavLink, useLocation } from 'react-router';
import { type Language, useI18n } from '../i18n.tsx';
import { navFor } from '../routes.tsx';
import { useSession } from '../session.tsx';
import type { SessionUser } from '../types.ts';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const other: Language = lang === 'nl' ? 'en' : 'nl';
  return (
    <Button appearance="subtle-button" type="button" onClick={() => setLang(other)} lang={other}
      aria-label={t(`common.language.switchTo.${other}`)}>
      {t(`common.language.name.${other}`)}
    </Button>
  );
}

function UserBox({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const { logout } = useSession();
  return (
    <div className="ww-userbox">
      <div>
        <span className="ww-user-name">{user.displayName}</span>
        {user.teams.length > 0 && <span className="ww-user-teams">{user.teams.map((tm) => tm.name).join(', ')}</span>}
      </div>
      <LanguageSwitch />
      <Button appearance="secondary-action-button" type="button" onClick={() => void logout()}>{t('common.logout')}</Button>
    </div>
  );
}

function MainNav({ roles }: { roles: string[] }) {
  const { t } = useI18n();
  const items = navFor(roles);
  const sections = [...new Set(items.map((r) => r.section ?? 'work'))];
  return (
    <nav aria-label={t('nav.label')} className="ww-nav">
      <ul className="ww-nav-sections">
        <li><NavLink to="/" end className="ww-nav-link">{t('nav.home')}</NavLink></li>
        {sections.map((s) => (
          <li key={s} className="ww-nav-section">
            {s !== 'work' && <span className="ww-nav-section-title" id={`nav-section-${s}`}>{t(`nav.section.${s}`)}</span>}
            <ul aria-labelledby={s !== 'work' ? `nav-section-${s}` : undefined}>
              {items.filter((r) => (r.section ?? 'work') === s).map((r) => (
                <li key={r.path}><NavLink to={r.path} end className="ww-nav-link">{t(r.nav!)}{r.badge}</NavLink></li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout({ user, children }: { user?: SessionUser; children: ReactNode }) {
  const { t } = useI18n();
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  // After navigating, move focus to the new page so screen-reader users hear where they are.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose on every change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);
  return (
    <div className="ww-page">
      <SkipLink href="#main">{t('common.skipLink')}</SkipLink>
      <header className="ww-header">
        <PageHeader>
          <div className="ww-header-inner">
            <RouterLink to="/" className="ww-brand">Wegwijs</RouterLink>
            {user ? <UserBox user={user} /> : <LanguageSwitch />}
          </div>
        </PageHeader>
        {user && <MainNav roles={user.roles} />}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="ww-main">{children}</main>
      <footer>
        <PageFooter className="ww-footer">
          <Paragraph appearance="small">{t('common.footer')}</Paragraph>
        </PageFooter>
      </footer>
    </div>
  );
}
