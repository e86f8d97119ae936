import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken } from '../../api.ts';
import { Layout } from '../../components/layout.tsx';
import { AppButtonLink, Loading, PageTitle } from '../../components/page.tsx';
import { useT } from '../../i18n.tsx';
import { useLocation } from 'react-router';
import type { CitizenSessionView as CitizenSession } from '../../../../src/modules/portal/schemas.ts';

export type { CitizenSession };

/** Phone numbers a citizen can tap: the municipality (no DigiD needed), Veilig Thuis, emergencies. */
export const PHONE = { municipality: '14 010', veiligThuis: '0800-2000', emergency: '112' } as const;
const telHref = (n: string) => `tel:${n.replace(/[^0-9+]/g, '')}`;
export function Tel({ number }: { number: string }) {
  return <a href={telHref(number)}>{number}</a>;
}

/** Domestic violence or child abuse: the numbers first, before any form. */
export function SafetyNumbers() {
  const t = useT();
  return (
    <Alert type="warning">
      <Heading level={2} appearance="utrecht-heading-4">{t('portal.safety.title')}</Heading>
      <Paragraph>{t('portal.safety.veiligThuis')} <strong><Tel number={PHONE.veiligThuis} /></strong>{t('portal.safety.veiligThuisWhen')}</Paragraph>
      <Paragraph>{t('portal.safety.emergency')} <strong><Tel number={PHONE.emergency} /></strong>.</Paragraph>
    </Alert>
  );
}

/** What Wegwijs is, how to get help without DigiD, and what happens with what the citizen tells us. */
export function CitizenHelpInfo() {
  const t = useT();
  return (
    <>
      <Paragraph appearance="lead">{t('portal.info.what')}</Paragraph>
      <section aria-labelledby="no-digid-title" className="ww-box">
        <Heading level={2} id="no-digid-title">{t('portal.info.noDigidTitle')}</Heading>
        <Paragraph>{t('portal.info.phone')} <strong><Tel number={PHONE.municipality} /></strong>{t('portal.info.phoneWhen')}</Paragraph>
        <Paragraph>{t('portal.info.walkIn')}</Paragraph>
      </section>
      <Paragraph>{t('portal.info.privacy')}</Paragraph>
      <SafetyNumbers />
    </>
  );
}

/**
 * The frame of the citizens' pages: outside the staff login. Without a DigiD session it offers
 * the DigiD login (in the demo: the clearly labelled test identity provider).
 */
export function CitizenFrame({ title, children }: { title: string; children: (s: CitizenSession, logout: () => void) => ReactNode }) {
  const t = useT();
  const { pathname } = useLocation();
  const [s, setS] = useState<CitizenSession | null | 'loading'>('loading');
  useEffect(() => {
    api.get<CitizenSession>('/api/v1/portal/session', { quiet401: true })
      .then((x) => { setCsrfToken(x.csrfToken); setS(x); })
      .catch((err) => { if (err instanceof ApiError && err.status === 401) setS(null); else setS(null); });
  }, []);
  const logout = useCallback(() => {
    void api.delete('/api/v1/portal/session').finally(() => { setCsrfToken(null); setS(null); });
  }, []);
  return (
    <Layout>
      {s === 'loading' ? <Loading /> : s === null ? (
        <>
          <PageTitle title={title} />
          <Paragraph>{t('portal.login.intro')}</Paragraph>
          {/* After DigiD the citizen comes back to this page, not to a fixed one. */}
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
            href={`/api/v1/portal/login?returnTo=${encodeURIComponent(pathname)}`}>{t('portal.login.button')}</a>
          <CitizenHelpInfo />
        </>
      ) : (
        <>
          <div className="ww-actions">
            <Paragraph>{t('portal.loggedInAs', { name: s.name })}</Paragraph>
            <Button appearance="secondary-action-button" onClick={logout}>{t('portal.logout')}</Button>
          </div>
          {children(s, logout)}
        </>
      )}
    </Layout>
  );
}

/** The citizens' start page (/inwoners): no login needed to read it. */
export function CitizenStartPage() {
  const t = useT();
  return (
    <Layout>
      <PageTitle title={t('portal.info.title')} />
      <div className="ww-actions">
        <AppButtonLink to="/digitaal-loket">{t('portal.info.ask')}</AppButtonLink>
        <AppButtonLink to="/mijn-wegwijs" appearance="secondary">{t('portal.info.mine')}</AppButtonLink>
      </div>
      <CitizenHelpInfo />
    </Layout>
  );
}
