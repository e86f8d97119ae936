import { ALL_ROLES, NEIGHBOURHOOD_TEAM_ROLES, type Role } from '../../../../src/platform/access/roles.ts';
import { CheckboxGroup, type Option } from '../../components/form.tsx';
import { useT } from '../../i18n.tsx';
import type { Team } from '../../types.ts';

/** The server's rule, checked before sending: a team worker or team lead belongs to a neighbourhood team. */
export function hasNeighbourhoodTeamIfNeeded(roles: readonly string[], teamIds: readonly string[], teams: readonly Team[]): boolean {
  if (!roles.some((r) => NEIGHBOURHOOD_TEAM_ROLES.includes(r as Role))) return true;
  return teams.some((tm) => tm.kind === 'neighbourhood_team' && teamIds.includes(tm.id));
}

type Field = { id: string; error?: string; label: string };

/** Roles and team membership, shared by the create and edit forms. */
export function RolesAndTeams({ roles, setRoles, teamIds, setTeamIds, teams, rolesField, teamsField }: {
  roles: string[]; setRoles: (v: string[]) => void; teamIds: string[]; setTeamIds: (v: string[]) => void;
  teams: Team[]; rolesField: Field; teamsField: Field;
}) {
  const t = useT();
  const roleOptions: Option[] = ALL_ROLES.map((r) => ({ value: r, label: t(`common.roles.${r}`) }));
  const sorted = [...teams].filter((tm) => tm.active || teamIds.includes(tm.id))
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, 'nl') : a.kind === 'desk' ? -1 : 1));
  const teamOptions: Option[] = sorted.map((tm) => ({ value: tm.id, label: tm.name }));
  return (
    <>
      <CheckboxGroup {...rolesField} value={roles} onChange={setRoles} options={roleOptions} description={t('admin.users.rolesHelp')} />
      <CheckboxGroup {...teamsField} value={teamIds} onChange={setTeamIds} options={teamOptions} columns description={t('admin.users.teamsHelp')} />
    </>
  );
}
