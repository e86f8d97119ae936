import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { PageTitle } from '../../components/page.tsx';
import { useT } from '../../i18n.tsx';
import { useSession } from '../../session.tsx';

/** Shown instead of the app while the account has a temporary password (user.mustChangePassword). */
export function ChangePasswordPage() {
  const t = useT();
  const { refresh, logout } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const labels = useMemo(() => ({
    currentPassword: t('auth.password.current'), newPassword: t('auth.password.new'), repeat: t('auth.password.repeat'),
  }), [t]);
  const form = useFormErrors('password', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!currentPassword) errs.currentPassword = t('auth.password.currentRequired');
    if (newPassword.length < 12) errs.newPassword = t('auth.password.tooShort');
    else if (newPassword === currentPassword) errs.newPassword = t('auth.password.same');
    if (repeat !== newPassword) errs.repeat = t('auth.password.mismatch');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      await api.post('/api/v1/session/password', { currentPassword, newPassword });
      await refresh();
    });
  }

  return (
    <div className="ww-narrow">
      <PageTitle title={t('auth.password.title')} />
      <Paragraph>{t('auth.password.intro')}</Paragraph>
      {form.summary}
      <form onSubmit={submit} noValidate>
        <TextField {...form.field('currentPassword')} type="password" value={currentPassword} onChange={setCurrent} autoComplete="current-password" required />
        <TextField {...form.field('newPassword')} type="password" value={newPassword} onChange={setNew} autoComplete="new-password"
          description={t('auth.password.rules')} required />
        <TextField {...form.field('repeat')} type="password" value={repeat} onChange={setRepeat} autoComplete="new-password" required />
        <div className="ww-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('auth.password.submit')}</Button>
          <Button type="button" appearance="subtle-button" onClick={() => void logout()}>{t('common.logout')}</Button>
        </div>
      </form>
    </div>
  );
}
