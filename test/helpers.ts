import { randomBytes, scryptSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type Db, dumpPglite, openPglite, openPostgres } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/demo/org-data.ts';

/** Which engine the integration tests run on: PGlite, or PostgreSQL when TEST_DATABASE_URL is set. */
export const ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated, demo-seeded database: in-memory PGlite, or a new PostgreSQL database dropped
 * afterwards. Under `npm test` (scripts/test.ts) both start from a copy of a database migrated and
 * seeded once per run (`TEMPLATE_ENV`); a test file run on its own migrates and seeds itself.
 */
export async function freshDb(t: TestContext | { after: (fn: () => Promise<void>) => void }): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  let db: Db;
  let fromTemplate = false;
  if (url) {
    const name = `wegwijs_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const template = process.env[TEMPLATE_ENV.postgres];
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    await admin.end();
    fromTemplate = Boolean(template);
    const u = new URL(url);
    u.pathname = `/${name}`;
    db = await openPostgres(u.toString());
    t.after(async () => {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    });
  } else {
    const template = process.env[TEMPLATE_ENV.pglite];
    pgliteTemplate ??= template ? new Blob([readFileSync(template)]) : null;
    db = await openPglite(undefined, pgliteTemplate ?? undefined);
    fromTemplate = pgliteTemplate !== null;
    t.after(() => db.close());
  }
  if (fromTemplate) {
    // A copy is another audit log: its own identity, so that its checkpoints are filed apart from its siblings'.
    await db.exec(`ALTER TABLE audit_log_identity DISABLE TRIGGER USER;
      UPDATE audit_log_identity SET log_id = gen_random_uuid(), created_at = now();
      ALTER TABLE audit_log_identity ENABLE TRIGGER USER;`);
    return db;
  }
  await migrate(db);
  await seedDemo(db);
  return db;
}

/** Where scripts/test.ts tells the test files about the once-per-run template databases. */
export const TEMPLATE_ENV = { pglite: 'WEGWIJS_TEST_PGLITE_TEMPLATE', postgres: 'WEGWIJS_TEST_PG_TEMPLATE' } as const;
let pgliteTemplate: Blob | null | undefined;

/** The migrated, demo-seeded database every test database of one run is copied from. */
export async function makeTemplates(pgUrl: string | undefined, pgliteFile: string, pgName: string): Promise<void> {
  const lite = await openPglite();
  await migrate(lite);
  await seedDemo(lite);
  await cheapDemoPasswords(lite);
  writeFileSync(pgliteFile, new Uint8Array(await (await dumpPglite(lite)).arrayBuffer()));
  await lite.close();
  if (!pgUrl) return;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${pgName}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${pgName}`;
  const db = await openPostgres(u.toString());
  await migrate(db);
  await seedDemo(db);
  await cheapDemoPasswords(db);
  await db.close(); // a template may have no open connections while it is copied
}

/**
 * Test templates only: the demo users' password hashes with scrypt N=2^10 instead of 2^15, so that
 * the suite's thousand-odd logins do not each spend ~100 ms of CPU. The hash carries its own
 * parameters, so login verifies it the same way; passwords set through the API keep the real cost.
 */
async function cheapDemoPasswords(db: Db): Promise<void> {
  const salt = randomBytes(16);
  const key = scryptSync(DEMO_PASSWORD, salt, 32, { N: 1024, r: 8, p: 1 });
  await db.query(`UPDATE users SET password_hash = $1 WHERE username = ANY($2::text[])`,
    [`scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`, DEMO_USERS.map((u) => u.username)]);
}

export async function dropTemplate(pgUrl: string, pgName: string): Promise<void> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  await admin.end();
}

/** The app on a fresh database with the demo organisation and demo users. */
export async function build(t: TestContext, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const db = await freshDb(t);
  // The FHIR schema compiles on first use: most test files never send FHIR, and each is its own process.
  const config = loadConfig({ WEGWIJS_REQUIRE_MFA: 'false', WEGWIJS_FHIR_WARM_UP: 'false', ...env }, { demo: true });
  const app = await buildApp({ config, db, logger: false });
  t.after(() => app.close());
  await app.ready();
  return app;
}

export type AuthHeaders = { cookie: string; 'x-csrf-token': string };

/** Logs in as a demo user (see src/demo/org-data.ts) and returns headers for app.inject. */
export async function loginAs(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<AuthHeaders> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((c) => c.name === 'wegwijs_session');
  if (!c) throw new Error('no session cookie');
  return `wegwijs_session=${c.value}`;
}

/** Registers a client as `headers`' user (who thereby becomes involved) and returns its id. */
export async function createClient(app: FastifyInstance, headers: AuthHeaders, body: Record<string, unknown> = {}): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/clients', headers,
    payload: { surname: 'Jansen', firstNames: 'Jan', birthDate: '1950-01-01', duplicateAcknowledged: true, ...body } });
  if (res.statusCode !== 201) throw new Error(`create client failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** The id of a demo district (wijk) by its name. */
export async function districtId(app: FastifyInstance, name: string): Promise<string> {
  const [d] = await app.db.query<{ id: string }>('SELECT id FROM districts WHERE name = $1', [name]);
  if (!d) throw new Error(`no district ${name}`);
  return d.id;
}

/** Valid BSNs (elfproef) for tests; never real people. */
export const TEST_BSNS = ['111222333', '123456782', '999999990', '999993653', '111111110'];
