import type { Queryable } from '../../platform/db.ts';

export type TeamRow = { id: string; name: string; kind: string; deskType: string | null; regionId: string | null; regionName: string | null; active: boolean;
  routeMinAge: number | null; routeMaxAge: number | null; version: number };

export const listAreas = (q: Queryable) => q.query<{ id: string; name: string }>('SELECT id, name FROM areas ORDER BY name');
export const listRegions = (q: Queryable) => q.query<{ id: string; name: string }>('SELECT id, name FROM regions ORDER BY name');

export const listTeams = (q: Queryable) => q.query<TeamRow>(
  `SELECT t.id, t.name, t.kind, t.desk_type AS "deskType", t.region_id AS "regionId", r.name AS "regionName", t.active,
     t.route_min_age AS "routeMinAge", t.route_max_age AS "routeMaxAge", t.version
   FROM teams t LEFT JOIN regions r ON r.id = t.region_id ORDER BY t.kind DESC, t.name`);

export type DistrictRow = { id: string; name: string; areaId: string; areaName: string; teamId: string | null; teamName: string | null; version: number };
export const listDistricts = (q: Queryable) => q.query<DistrictRow>(
  `SELECT d.id, d.name, d.area_id AS "areaId", a.name AS "areaName", d.team_id AS "teamId", t.name AS "teamName", d.version
   FROM districts d JOIN areas a ON a.id = d.area_id LEFT JOIN teams t ON t.id = d.team_id ORDER BY d.name`);

/** Postcode → district → team, the route a referral takes to a neighbourhood team. */
export async function lookupPostcode(q: Queryable, postcode: string) {
  const rows = await q.query<{ districtId: string; districtName: string; areaName: string; teamId: string | null; teamName: string | null }>(
    `SELECT d.id AS "districtId", d.name AS "districtName", a.name AS "areaName", t.id AS "teamId", t.name AS "teamName"
     FROM postcode_ranges p JOIN districts d ON d.id = p.district_id JOIN areas a ON a.id = d.area_id
     LEFT JOIN teams t ON t.id = d.team_id AND t.active
     WHERE p.from_postcode <= $1 AND p.to_postcode >= $1
     ORDER BY p.from_postcode DESC LIMIT 1`, [postcode]);
  return rows[0] ?? null;
}

/** A team or desk as other modules need it. */
export type Team = { id: string; name: string; kind: 'neighbourhood_team' | 'desk'; deskType: string | null; active: boolean };
const TEAM_COLS = 'id, name, kind, desk_type AS "deskType", active';

export async function findTeam(q: Queryable, id: string): Promise<Team | null> {
  const [t] = await q.query<Team>(`SELECT ${TEAM_COLS} FROM teams WHERE id = $1`, [id]);
  return t ?? null;
}

export async function findTeamByName(q: Queryable, name: string): Promise<Team | null> {
  const [t] = await q.query<Team>(`SELECT ${TEAM_COLS} FROM teams WHERE name = $1`, [name]);
  return t ?? null;
}

/** Teams by id, ordered by name (unknown ids are left out). */
export async function teamsByIds(q: Queryable, ids: readonly (string | null | undefined)[]): Promise<Team[]> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return [];
  return q.query<Team>(`SELECT ${TEAM_COLS} FROM teams WHERE id = ANY($1::uuid[]) ORDER BY name`, [wanted]);
}

/** Team names by id, for views that show them next to another module's rows. */
export async function teamNames(q: Queryable, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  return new Map((await teamsByIds(q, ids)).map((t) => [t.id, t.name]));
}

/** The first active desk of a type (by name): where a route or the digital channel lands. */
/**
 * The desk for the city-desk route (outcome 5): an active desk whose age band holds the client's
 * age (the Jongerenloket for young people), otherwise Centraal Onthaal Volwassenen. No age known
 * (no birth date): Centraal Onthaal.
 */
export async function cityRouteDesk(q: Queryable, age: number | null): Promise<Team | null> {
  if (age !== null) {
    const [t] = await q.query<Team>(`SELECT ${TEAM_COLS} FROM teams WHERE kind = 'desk' AND active AND $1 BETWEEN route_min_age AND route_max_age
      ORDER BY route_max_age - route_min_age, name LIMIT 1`, [age]);
    if (t) return t;
  }
  return firstActiveDesk(q, 'cov');
}

export async function firstActiveDesk(q: Queryable, deskType: string): Promise<Team | null> {
  const [t] = await q.query<Team>(`SELECT ${TEAM_COLS} FROM teams WHERE kind = 'desk' AND desk_type = $1 AND active ORDER BY name LIMIT 1`, [deskType]);
  return t ?? null;
}

/** The municipality's CBS code (e.g. 0599 Rotterdam): the Afzender of its iWmo / iJw messages. */
export async function municipalityCode(q: Queryable): Promise<string | null> {
  return (await q.query<{ cbsCode: string }>('SELECT cbs_code AS "cbsCode" FROM municipality LIMIT 1'))[0]?.cbsCode ?? null;
}
