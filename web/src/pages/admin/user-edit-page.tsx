import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api.ts';
import { SingleCheckbox, TextField, useFormErrors } from '../../components/form.tsx';
import { AppLink, Loading, PageTitle } from '../../components/page.tsx';
import { conflictCurrent, differences, reapply, VersionConflict } from '../../components/version-conflict.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { Team, User } from '../../types.ts';
import { RolesAndTeams } from './user-fields.tsx';
import { userStatus } from './users-page.tsx';
import { useData } from './use-data.ts';

export function UserEditPage() {
  const t = useT();
  const { id } = useParams();
  const users = useData<User[]>('/api/v1/users');
  const teams = useData<Team[]>('/api/v1/teams');
  const [user, setUser] = useState<User | null>(null);
  useEffect(() => {
    if (users.data) setUser(users.data.find((u) => u.id === id) ?? null);
  }, [users.data, id]);

  if (!users.data || !teams.data) return <Loading />;
  if (!user) return <><PageTitle title={t('common.notFound.title')} /><Paragraph><AppLink to="/beheer/gebruikers">{t('admin.users.backToList')}</AppLink></Paragraph></>;
  return (
    <>
      <PageTitle title={t('admin.users.editTitle', { name: user.displayName })} />
      <Paragraph><AppLink to="/beheer/gebruikers">{t('admin.users.backToList')}</AppLink></Paragraph>
      <Paragraph>{t('admin.users.usernameIs', { username: user.username })} · {t(`admin.users.statusValue.${userStatus(user)}`)}</Paragraph>
      <EditForm key={user.id} user={user} teams={teams.data} onSaved={setUser} />
      <StatusActions user={user} onSaved={setUser} />
      <PasswordReset user={user} onSaved={setUser} />
    </>
  );
}

type Fields = { displayName: string; email: string; roles: string[]; teamIds: string[] };
const fieldsOf = (u: User): Fields => ({ displayName: u.displayName, email: u.email ?? '', roles: u.roles, teamIds: u.teamIds });
const sameFields = (a: Fields, b: Fields) => JSON.stringify(a) === JSON.stringify(b);

/** Name, e-mail, roles and teams; saved with the version they were loaded at (a colleague's save in between: shown, nothing lost). */
function EditForm({ user, teams, onSaved }: { user: User; teams: Team[]; onSaved: (u: User) => void }) {
  const t = useT();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [roles, setRoles] = useState(user.roles);
  const [teamIds, setTeamIds] = useState(user.teamIds);
  const [saved, setSaved] = useState(false);
  // The user as this form loaded it; a newer version from this page's own actions (deactivate, unlock)
  // is adopted when it leaves these fields as they were.
  const [base, setBase] = useState(user);
  const [conflict, setConflict] = useState<User | null>(null);
  useEffect(() => {
    setBase((b) => (user.version > b.version && sameFields(fieldsOf(user), fieldsOf(b)) ? user : b));
  }, [user]);
  const labels = useMemo(() => ({ displayName: t('admin.users.name'), email: t('admin.users.email'), roles: t('admin.users.roles'), teamIds: t('admin.users.teams') }), [t]);
  const form = useFormErrors('edit-user', labels);
  const mine = (): Fields => ({ displayName, email, roles, teamIds });
  const fill = (f: Fields) => { setDisplayName(f.displayName); setEmail(f.email); setRoles(f.roles); setTeamIds(f.teamIds); };
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
  const show = (field: string, v: unknown) => field === 'roles' ? (v as string[]).map((r) => t(`common.roles.${r}`)).join(', ')
    : field === 'teamIds' ? (v as string[]).map(teamName).join(', ') : String(v ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const errs: Record<string, string> = {};
    if (displayName.trim().length < 2) errs.displayName = t('admin.users.nameRequired');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errs.email = t('admin.users.emailInvalid');
    if (!roles.length) errs.roles = t('admin.users.rolesRequired');
    if (Object.keys(errs).length) return form.fail(errs);
    await form.run(async () => {
      try {
        const next = await api.patch<User>(`/api/v1/users/${user.id}`, { displayName: displayName.trim(), email: email.trim() || null, roles, teamIds }, { version: base.version });
        setBase(next);
        onSaved(next);
      } catch (err) {
        const current = conflictCurrent<User>(err);
        if (!current) throw err;
        setConflict(current);
        return;
      }
      form.reset();
      setSaved(true);
    });
  }

  return (
    <section aria-labelledby="edit-user-title">
      <Heading level={2} id="edit-user-title">{t('admin.users.detailsTitle')}</Heading>
      {saved && <Alert type="ok" role="status"><Paragraph>{t('common.saved')}</Paragraph></Alert>}
      {conflict && (
        <VersionConflict id="edit-user-conflict" differences={differences(fieldsOf(base), fieldsOf(conflict), mine(), labels, show)}
          onReload={() => { fill(fieldsOf(conflict)); setBase(conflict); onSaved(conflict); setConflict(null); }}
          onReapply={() => { fill(reapply(fieldsOf(base), fieldsOf(conflict), mine())); setBase(conflict); onSaved(conflict); setConflict(null); }} />
      )}
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('displayName')} value={displayName} onChange={setDisplayName} required />
        <TextField {...form.field('email')} type="email" value={email} onChange={setEmail} description={t('common.optional')} />
        <RolesAndTeams roles={roles} setRoles={setRoles} teamIds={teamIds} setTeamIds={setTeamIds} teams={teams}
          rolesField={form.field('roles')} teamsField={form.field('teamIds')} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy} disabled={form.busy}>{t('common.save')}</Button>
      </form>
    </section>
  );
}

function StatusActions({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const t = useT();
  const { forError } = useProblemText();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function change(body: Record<string, unknown>, done: string) {
    try {
      onSaved(await api.patch<User>(`/api/v1/users/${user.id}`, body, { version: user.version }));
      setMessage({ ok: true, text: done });
    } catch (err) {
      // Someone else changed the account meanwhile: show it as it is now, so the choice is made again on what is true.
      const current = conflictCurrent<User>(err);
      if (current) onSaved(current);
      setMessage({ ok: false, text: current ? t('version.title') : forError(err) });
    }
  }
  return (
    <section aria-labelledby="status-title">
      <Heading level={2} id="status-title">{t('admin.users.accountTitle')}</Heading>
      <div role="status">{message && <Alert type={message.ok ? 'ok' : 'error'}><Paragraph>{message.text}</Paragraph></Alert>}</div>
      <div className="ww-actions">
        {user.active
          ? <Button type="button" appearance="secondary-action-button" hint="danger" onClick={() => void change({ active: false }, t('admin.users.deactivated'))}>{t('admin.users.deactivate')}</Button>
          : <Button type="button" appearance="secondary-action-button" onClick={() => void change({ active: true }, t('admin.users.reactivated'))}>{t('admin.users.reactivate')}</Button>}
        {user.locked && <Button type="button" appearance="secondary-action-button" onClick={() => void change({ locked: false }, t('admin.users.unlocked'))}>{t('admin.users.unlock')}</Button>}
      </div>
    </section>
  );
}

function PasswordReset({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const t = useT();
  const [temporaryPassword, setPassword] = useState('');
  const [resetTotp, setResetTotp] = useState(false);
  const [done, setDone] = useState(false);
  const labels = useMemo(() => ({ temporaryPassword: t('admin.users.temporaryPassword') }), [t]);
  const form = useFormErrors('reset', labels);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (temporaryPassword.length < 12) return form.fail({ temporaryPassword: t('auth.password.tooShort') });
    await form.run(async () => {
      onSaved(await api.post<User>(`/api/v1/users/${user.id}/password-resets`, { temporaryPassword, resetTotp }));
      form.reset();
      setPassword('');
      setDone(true);
    });
  }
  return (
    <section aria-labelledby="reset-title">
      <Heading level={2} id="reset-title">{t('admin.users.resetTitle')}</Heading>
      <Paragraph>{t('admin.users.resetIntro')}</Paragraph>
      {done && <Alert type="ok" role="status"><Paragraph>{t('admin.users.resetDone')}</Paragraph></Alert>}
      {form.summary}
      <form onSubmit={submit} noValidate className="ww-form">
        <TextField {...form.field('temporaryPassword')} value={temporaryPassword} onChange={setPassword} autoComplete="off" spellCheck={false}
          description={t('admin.users.temporaryPasswordHelp')} required />
        {user.totpEnabled && <SingleCheckbox id="reset-totp" label={t('admin.users.resetTotp')} checked={resetTotp} onChange={setResetTotp} />}
        <Button type="submit" appearance="secondary-action-button">{t('admin.users.resetSubmit')}</Button>
      </form>
    </section>
  );
}
