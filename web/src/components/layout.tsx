/** Page frame: skip link, header (app name, user, teams, language, log out), role menu, main, footer. */
import { Button, PageFooter, PageHeader, Paragraph, SkipLink } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
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

/**
 * On a phone the account box and the menu fold away behind one "Menu" button, so the page starts
 * near the top (the header and menu took ~320 of 844 px). Wider screens never show the button
 * (styles.css, .ww-menu-toggle), and the menu closes on each navigation.
 */
function MenuToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <Button appearance="secondary-action-button" type="button" className="ww-menu-toggle" aria-expanded={open} aria-controls="ww-account ww-menu"
      aria-label={t('common.menuLabel')} onClick={onToggle}>
      {t('common.menu')}
    </Button>
  );
}

export function Layout({ user, children }: { user?: SessionUser; children: ReactNode }) {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);
  // After navigating, move focus to the new page so screen-reader users hear where they are.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose on every change of page
  useEffect(() => {
    setMenuOpen(false);
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
            {user && <MenuToggle open={menuOpen} onToggle={() => setMenuOpen(!menuOpen)} />}
            {user ? <div id="ww-account" className="ww-collapsible" data-open={menuOpen}><UserBox user={user} /></div> : <LanguageSwitch />}
          </div>
        </PageHeader>
        {user && <div id="ww-menu" className="ww-collapsible" data-open={menuOpen}><MainNav roles={user.roles} /></div>}
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
