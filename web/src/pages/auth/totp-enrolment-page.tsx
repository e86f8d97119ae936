import { Button, Code, Heading, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { PageTitle } from '../../components/page.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { SessionView } from '../../types.ts';

/** Shown instead of the app while the role requires two-factor login that is not yet set up (mfaRequired). */
export function TotpEnrolmentPage() {
  const t = useT();
  const { setSession, logout } = useSession();
  const [secret, setSecret] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const labels = useMemo(() => ({ code: t('auth.totp.code') }), [t]);
  const form = useFormErrors('totp', labels);

  async function start() {
    await form.run(async () => {
      setSecret(await api.post<{ secret: string; otpauthUri: string }>('/api/v1/session/totp'));
      form.reset();
    });
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) return form.fail({ code: t('auth.login.totpFormat') });
    await form.run(async () => {
      setSession(await api.post<SessionView>('/api/v1/session/totp/confirmation', { code }));
    });
  }

  return (
    <div className="ww-narrow">
      <PageTitle title={t('auth.totp.title')} />
      <Paragraph>{t('auth.totp.intro')}</Paragraph>
      {form.summary}
      {!secret ? (
        <div className="ww-actions">
          <Button type="button" appearance="primary-action-button" onClick={() => void start()} busy={form.busy} disabled={form.busy}>{t('auth.totp.start')}</Button>
          <Button type="button" appearance="subtle-button" onClick={() => void logout()}>{t('common.logout')}</Button>
        </div>
      ) : (
        <>
          <Heading level={2}>{t('auth.totp.stepsTitle')}</Heading>
          <OrderedList>
            <OrderedListItem>{t('auth.totp.step1')}</OrderedListItem>
            <OrderedListItem>
              {t('auth.totp.step2')}
              <dl className="ww-secret">
                <dt>{t('auth.totp.secret')}</dt>
                <dd><Code>{secret.secret}</Code></dd>
                <dt>{t('auth.totp.uri')}</dt>
                <dd><Code className="ww-break">{secret.otpauthUri}</Code></dd>
              </dl>
            </OrderedListItem>
            <OrderedListItem>{t('auth.totp.step3')}</OrderedListItem>
          </OrderedList>
          <form onSubmit={confirm} noValidate>
            <TextField {...form.field('code')} value={code} onChange={setCode} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
            <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('auth.totp.confirm')}</Button>
          </form>
        </>
      )}
    </div>
  );
}
