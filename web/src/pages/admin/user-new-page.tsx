import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { useT } from '../../i18n.tsx';
import type { Team, User } from '../../types.ts';
import { hasNeighbourhoodTeamIfNeeded, RolesAndTeams } from './user-fields.tsx';
import { useData } from './use-data.ts';

export function UserNewPage() {
  const t = useT();
  const navigate = useNavigate();
  const teams = useData<Team[]>('/api/v1/teams');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const labels = useMemo(() => ({
    username: t('admin.users.username'), displayName: t('admin.users.name'), email: t('admin.users.email'),
    password: t('admin.users.temporaryPassword'), roles: t('admin.users.roles'), teamIds: t('admin.users.teams'),
  }), [t]);
  const form = useFormErrors('new-user', labels);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!/^[a-z0-9._-]{3,64}$/.test(username.trim().toLowerCase())) errs.username = t('admin.users.usernameRule');
    if (displayName.trim().length < 2) errs.displayName = t('admin.users.nameRequired');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errs.email = t('admin.users.emailInvalid');
    if (password.length < 12) errs.password = t('auth.password.tooShort');
    if (!roles.length) errs.roles = t('admin.users.rolesRequired');
    if (!hasNeighbourhoodTeamIfNeeded(roles, teamIds, teams.data ?? [])) errs.teamIds = t('admin.users.teamRequired');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      const user = await api.post<User>('/api/v1/users', {
        username: username.trim().toLowerCase(), displayName: displayName.trim(), email: email.trim() || null, password, roles, teamIds,
      });
      navigate('/beheer/gebruikers', { state: { notice: t('admin.users.created', { name: user.displayName, username: user.username }) } });
    });
  }

  return (
    <>
      <PageTitle title={t('admin.users.newTitle')} />
      <Paragraph><AppLink to="/beheer/gebruikers">{t('admin.users.backToList')}</AppLink></Paragraph>
      <Paragraph>{t('admin.users.newIntro')}</Paragraph>
      {form.summary}
      {!teams.data ? <Loading /> : (
        <form onSubmit={submit} noValidate className="ww-form">
          <TextField {...form.field('username')} value={username} onChange={setUsername} autoComplete="off" spellCheck={false}
            description={t('admin.users.usernameRule')} required />
          <TextField {...form.field('displayName')} value={displayName} onChange={setDisplayName} autoComplete="off" required />
          <TextField {...form.field('email')} type="email" value={email} onChange={setEmail} autoComplete="off" description={t('common.optional')} />
          <TextField {...form.field('password')} type="text" value={password} onChange={setPassword} autoComplete="off"
            description={t('admin.users.temporaryPasswordHelp')} spellCheck={false} required />
          <RolesAndTeams roles={roles} setRoles={setRoles} teamIds={teamIds} setTeamIds={setTeamIds} teams={teams.data}
            rolesField={form.field('roles')} teamsField={form.field('teamIds')} />
          <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('admin.users.create')}</Button>
        </form>
      )}
    </>
  );
}
