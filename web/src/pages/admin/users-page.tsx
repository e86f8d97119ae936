import { Alert, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useLocation } from 'react-router';
import { AppButtonLink, AppLink, Loading, PageTitle, TableScroll } from '../../components/page.tsx';
import { useProblemText, useT } from '../../i18n.tsx';
import type { Team, User } from '../../types.ts';
import { useData } from './use-data.ts';

export function userStatus(u: User): 'inactive' | 'locked' | 'active' {
  return !u.active ? 'inactive' : u.locked ? 'locked' : 'active';
}

export function UsersPage() {
  const t = useT();
  const { forError } = useProblemText();
  const users = useData<User[]>('/api/v1/users');
  const teams = useData<Team[]>('/api/v1/teams');
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const teamName = new Map((teams.data ?? []).map((tm) => [tm.id, tm.name]));

  return (
    <>
      <PageTitle title={t('admin.users.title')} />
      {notice && <Alert type="ok" role="status"><Paragraph>{notice}</Paragraph></Alert>}
      <Paragraph>
        <AppButtonLink to="/beheer/gebruikers/nieuw">{t('admin.users.new')}</AppButtonLink>
      </Paragraph>
      {users.error ? <Alert type="error"><Paragraph>{forError(users.error)}</Paragraph></Alert> : null}
      {!users.data ? <Loading /> : (
        <TableScroll label={t('admin.users.title')}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('admin.users.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('admin.users.username')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('admin.users.roles')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('admin.users.teams')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('admin.users.status')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.data.map((u) => (
                <TableRow key={u.id}>
                  <TableCell><AppLink to={`/beheer/gebruikers/${u.id}`}>{u.displayName}</AppLink></TableCell>
                  <TableCell>{u.username}</TableCell>
                  <TableCell>{u.roles.map((r) => t(`common.roles.${r}`)).join(', ')}</TableCell>
                  <TableCell>{u.teamIds.map((id) => teamName.get(id) ?? '').join(', ')}</TableCell>
                  <TableCell>{t(`admin.users.statusValue.${userStatus(u)}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
