import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { PageTitle } from '../../components/page.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';
import type { SessionView } from '../../types.ts';

export function LoginPage({ expired }: { expired?: boolean }) {
  const t = useT();
  const { setSession } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const labels = useMemo(() => ({ username: t('auth.login.username'), password: t('auth.login.password'), totp: t('auth.login.totp') }), [t]);
  const form = useFormErrors('login', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = t('auth.login.usernameRequired');
    if (!password) missing.password = t('auth.login.passwordRequired');
    if (askTotp && !/^\d{6}$/.test(totp)) missing.totp = t('auth.login.totpFormat');
    if (Object.keys(missing).length) return form.fail(missing);
    await form.run(async () => {
      try {
        const s = await api.post<SessionView>('/api/v1/session', { username, password, ...(askTotp ? { totp } : {}) }, { quiet401: true });
        form.reset();
        setSession(s);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'totp_required') {
          setAskTotp(true);
          form.fail({}, t('auth.login.totpNeeded'));
        } else if (err instanceof ApiError && err.code === 'invalid_totp') {
          form.fail({ totp: t('errors.invalid_totp') });
        } else {
          throw err;
        }
      }
    });
  }

  return (
    <div className="ww-narrow">
      <PageTitle title={t('auth.login.title')} />
      {expired && <Alert type="info"><Paragraph>{t('auth.login.expired')}</Paragraph></Alert>}
      <Paragraph>{t('auth.login.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate>
        <TextField {...form.field('username')} value={username} onChange={setUsername} autoComplete="username" required spellCheck={false} />
        <TextField {...form.field('password')} type="password" value={password} onChange={setPassword} autoComplete="current-password" required />
        {askTotp && (
          <TextField {...form.field('totp')} value={totp} onChange={setTotp} inputMode="numeric" autoComplete="one-time-code"
            description={t('auth.login.totpHelp')} maxLength={6} required />
        )}
        <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('auth.login.submit')}</Button>
      </form>
    </div>
  );
}
