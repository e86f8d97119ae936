import type { Db, Queryable } from '../platform/db.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { AREAS, DEMO_PASSWORD, DEMO_USERS, DESKS, MUNICIPALITY, REGIONS } from './org-data.ts';
import { seedDemoPractice } from '../modules/practices/demo.ts';
import { seedDemoProviders } from '../modules/indications/demo.ts';
import { seedDemoProviderClient } from '../modules/iwmo/demo.ts';
import { seedDemoMandates } from '../modules/wmo/demo.ts';
import { seedDemoFrontDoor } from '../modules/intake/demo.ts';
import { seedDemoBudget } from '../modules/finance/demo.ts';

const pc = (n: number, letters: string) => `${n}${letters}`;

/** The organisation (municipality, areas, regions, districts, teams, desks, postcodes). Idempotent. */
export async function seedOrganisation(tx: Queryable) {
  await tx.query('INSERT INTO municipality (cbs_code, name) VALUES ($1,$2) ON CONFLICT DO NOTHING', [MUNICIPALITY.cbsCode, MUNICIPALITY.name]);
  const regionIds = new Map<string, string>();
  for (const name of REGIONS) {
    const [r] = await tx.query<{ id: string }>(`INSERT INTO regions (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`, [name]);
    regionIds.set(name, r!.id);
  }
  const teamIds = new Map<string, string>();
  for (const a of AREAS) {
    const [area] = await tx.query<{ id: string }>(`INSERT INTO areas (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`, [a.area]);
    for (const d of a.districts) {
      if (!teamIds.has(d.team)) {
        const [t] = await tx.query<{ id: string }>(
          `INSERT INTO teams (name, kind, region_id) VALUES ($1, 'neighbourhood_team', $2) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
          [d.team, regionIds.get(d.region)]);
        teamIds.set(d.team, t!.id);
      }
      const [dist] = await tx.query<{ id: string }>(
        `INSERT INTO districts (name, area_id, team_id) VALUES ($1,$2,$3) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [d.name, area!.id, teamIds.get(d.team)]);
      const existing = await tx.query('SELECT 1 FROM postcode_ranges WHERE district_id = $1 LIMIT 1', [dist!.id]);
      if (existing.length === 0) {
        for (const [from, to] of d.pc4) {
          await tx.query('INSERT INTO postcode_ranges (from_postcode, to_postcode, district_id) VALUES ($1,$2,$3)', [pc(from, 'AA'), pc(to, 'ZZ'), dist!.id]);
        }
      }
    }
  }
  for (const d of DESKS) {
    const ages = 'routeAges' in d ? d.routeAges : [null, null];
    await tx.query(`INSERT INTO teams (name, kind, desk_type, route_min_age, route_max_age) VALUES ($1, 'desk', $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
      [d.name, d.deskType, ...ages]);
  }
}

/** One user per role with the demo password (never use outside a demo). */
export async function seedDemoUsers(tx: Queryable) {
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO users (username, display_name, password_hash) VALUES ($1,$2,$3) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, u.displayName, hash]);
    if (!row) continue;
    for (const role of u.roles) await tx.query('INSERT INTO user_roles (user_id, role) VALUES ($1,$2)', [row.id, role]);
    for (const team of u.teams) {
      await tx.query('INSERT INTO team_members (user_id, team_id) SELECT $1, id FROM teams WHERE name = $2', [row.id, team]);
    }
  }
}

/** Demo content of the modules (clients, contacts, …), in order; runs once on an empty database. */
const demoContent: ((tx: Queryable) => Promise<void>)[] = [seedDemoFrontDoor, seedDemoPractice, seedDemoProviders, seedDemoProviderClient, seedDemoMandates, seedDemoBudget];

export async function seedDemo(db: Db): Promise<boolean> {
  const done = await db.query('SELECT 1 FROM municipality LIMIT 1');
  if (done.length > 0) return false;
  await db.transaction(async (tx) => {
    await seedOrganisation(tx);
    await seedDemoUsers(tx);
    for (const add of demoContent) await add(tx);
  });
  return true;
}

/** Drops everything (for `wegwijs reset`); migrations and seed run again afterwards. */
export async function dropAll(db: Db) {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
}
