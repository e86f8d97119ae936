import { Button, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { api, ApiError, setCsrfToken } from '../../api.ts';
import { Layout } from '../../components/layout.tsx';
import { Loading, PageTitle } from '../../components/page.tsx';
import { useT } from '../../i18n.tsx';
import type { CitizenSessionView as CitizenSession } from '../../../../src/modules/portal/schemas.ts';

export type { CitizenSession };

/**
 * The frame of the citizens' pages: outside the staff login. Without a DigiD session it offers
 * the DigiD login (in the demo: the clearly labelled test identity provider).
 */
export function CitizenFrame({ title, children }: { title: string; children: (s: CitizenSession, logout: () => void) => ReactNode }) {
  const t = useT();
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
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/api/v1/portal/login">{t('portal.login.button')}</a>
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
