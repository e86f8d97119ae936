/**
 * Loads the Rotterdam-scale client data the benchmarks share into a fresh database `wegwijs_bench`
 * (dropped and created again): the demo organisation plus N generated clients, 60% carrying one
 * of 25 common surnames, one in five involved with the desk 'VraagWijzer Centrum'.
 */
import pg from 'pg';
import { openPostgres } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';

export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = new URL(adminUrl);
url.pathname = '/wegwijs_bench';
export const benchDbUrl = url.toString();

export async function dropBenchDb() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS wegwijs_bench WITH (FORCE)');
  await admin.end();
}

const COMMON = ['Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos',
  'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'Yılmaz', 'El Amrani', 'Kaya', 'Öztürk', 'Bouzid'];
const FIRST = ['Fatima', 'Jan', 'Mohamed', 'Anna', 'Piet', 'Sanne', 'Ahmed', 'Emma', 'Daan', 'Noor'];

function bsnFor(i: number): string | null {
  const base = String(10_000_000 + i * 7).padStart(8, '0');
  let s = 0;
  for (let k = 0; k < 8; k++) s += Number(base[k]) * (9 - k);
  const check = s % 11;
  return check === 10 ? null : base + check;
}

export async function loadClients(N: number) {
  await dropBenchDb();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE wegwijs_bench');
  await admin.end();
  const db = await openPostgres(benchDbUrl);
  await migrate(db);
  await seedDemo(db);
  const t0 = Date.now();
  // 60% carry one of 25 common surnames (≈2,400 'Jansen'), the rest a long tail.
  for (let start = 0; start < N; start += 10_000) {
    const rows = Array.from({ length: Math.min(10_000, N - start) }, (_, j) => {
      const i = start + j;
      const full = i % 10 < 6 ? COMMON[i % COMMON.length]! : `${['Ber', 'Kor', 'Lin', 'Mos', 'Dal', 'Hup', 'Ves', 'Rij'][i % 8]}${['ker', 'man', 'stra', 'hof', 'dijk', 'sen'][(i >> 3) % 6]}${i % 97}`;
      const m = /^(van den|van der|van|de|den|der|el|al) (.+)$/i.exec(full);
      return { bsn: i % 7 === 3 ? null : bsnFor(i), first: FIRST[i % 10]!, prefix: m ? m[1]! : null, surname: m ? m[2]! : full,
        birth: new Date(Date.UTC(1930, 0, 1) + ((i * 37) % 30000) * 86400000).toISOString().slice(0, 10),
        postcode: `${3000 + (i % 90)}${String.fromCharCode(65 + (i % 18))}${String.fromCharCode(65 + Math.floor(i / 18) % 26)}`, house: 1 + (i % 200) };
    });
    await db.query(
      `INSERT INTO clients (bsn, first_names, surname_prefix, surname, surname_key, birth_date, postcode, house_number)
       SELECT b, f, p, s, lower(unaccent(s)), d::date, pc, h FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
         AS t(b, f, p, s, d, pc, h)
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.bsn), rows.map((r) => r.first), rows.map((r) => r.prefix), rows.map((r) => r.surname), rows.map((r) => r.birth), rows.map((r) => r.postcode), rows.map((r) => r.house)]);
  }
  // The desk worker's desk is involved with one client in five.
  await db.query(`INSERT INTO client_relations (client_id, team_id, reason)
    SELECT c.id, t.id, 'bench' FROM clients c, teams t WHERE t.name = 'VraagWijzer Centrum' AND (('x' || substr(c.id::text, 1, 8))::bit(32)::int % 5) = 0`);
  await db.query('ANALYZE');
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM clients') as [{ n: number }];
  const [{ j }] = await db.query<{ j: number }>(`SELECT count(*)::int AS j FROM clients WHERE surname = 'Jansen'`) as [{ j: number }];
  const sample = await db.query<{ bsn: string; birth_date: string; postcode: string; house_number: number }>(
    `SELECT bsn, birth_date::text, postcode, house_number FROM clients WHERE bsn IS NOT NULL AND surname = 'Jansen' ORDER BY random() LIMIT 500`);
  await db.close();
  return { loadSeconds: (Date.now() - t0) / 1000, n, jansen: j, sample };
}

