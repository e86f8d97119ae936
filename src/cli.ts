import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDb } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { auditKeys, verifyAudit, writeAudit, ProcessingActivity } from './platform/audit.ts';
import { systemContext } from './platform/access/context.ts';
import { hashPassword, passwordProblem } from './platform/auth/passwords.ts';
import { dropAll, seedDemo } from './demo/seed.ts';
import { startServer } from './server.ts';
import { IWMO_HELP, runIwmoCommand } from './modules/iwmo/cli.ts';
import { financeCommand } from './modules/finance/cli.ts';

const HELP = `wegwijs <command> [options]

Commands:
  start [--demo] [--reset]   start the server (--demo: seed demo data, demo login rules; --reset: wipe data first)
  migrate                    apply database migrations
  seed                       load the demo data into an empty database
  reset                      wipe the database, migrate and load the demo data
  create-admin --username U --name "Full Name" [--password P]
                             create a functioneel beheerder (admin); prints a generated password if none is given
  verify-audit [--demo]      seal pending audit rows, then check the log against its latest signed checkpoint;
                             exit code 1 when broken (--demo: with the demo signing key)
${IWMO_HELP}
  finance render --lines <overview.csv> [--adjustments <adjustments.csv>] --format json|csv|md
                             print a task field's budget tables from CSV files (no database; see: wegwijs finance --help)

Environment: PORT (8080), WEGWIJS_DATA_DIR (./data), DATABASE_URL (PostgreSQL; overrides the embedded database),
WEGWIJS_REQUIRE_MFA, WEGWIJS_PUBLIC_URL, WEGWIJS_TRUST_PROXY, OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET.`;

async function main() {
  // Own options, and no configuration or database needed.
  if (process.argv[2] === 'finance') {
    process.exitCode = financeCommand(process.argv.slice(3));
    return;
  }
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' }, reset: { type: 'boolean' }, username: { type: 'string' }, name: { type: 'string' },
      password: { type: 'string' }, help: { type: 'boolean', short: 'h' }, jeugd: { type: 'boolean' },
    },
  });
  const cmd = positionals[0];
  if (!cmd || values.help) {
    console.log(HELP);
    return;
  }
  if (cmd === 'iwmo') { // no configuration or database needed
    process.exitCode = runIwmoCommand(positionals.slice(1), { jeugd: !!values.jeugd });
    return;
  }
  const config = loadConfig(process.env, { demo: !!values.demo });
  const wipe = async () => {
    if (config.databaseUrl) {
      const db = await openDb(config);
      await dropAll(db);
      await db.close();
    } else {
      rmSync(config.dataDir, { recursive: true, force: true });
    }
  };
  switch (cmd) {
    case 'start':
      if (values.reset) await wipe();
      await startServer(config);
      return;
    case 'migrate': {
      const db = await openDb(config);
      const applied = await migrate(db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      await db.close();
      return;
    }
    case 'seed':
    case 'reset': {
      if (cmd === 'reset') await wipe();
      const db = await openDb(config);
      await migrate(db);
      const seeded = await seedDemo(db);
      console.log(seeded ? 'Demo data loaded.' : 'Database already holds data; nothing seeded (use `wegwijs reset`).');
      await db.close();
      return;
    }
    case 'create-admin': {
      if (!values.username || !values.name) throw new ConfigError('create-admin needs --username and --name');
      const password = values.password ?? randomBytes(12).toString('base64url');
      const problem = passwordProblem(password, { username: values.username, displayName: values.name });
      if (problem) throw new ConfigError(problem);
      const db = await openDb(config);
      await migrate(db);
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const [u] = await tx.query<{ id: string }>(
          `INSERT INTO users (username, display_name, password_hash, must_change_password) VALUES ($1,$2,$3,true) RETURNING id`,
          [values.username, values.name, hash]);
        await tx.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'admin')`, [u!.id]);
        await writeAudit(tx, systemContext('cli'), { action: 'user.create', activity: ProcessingActivity.Administration, outcome: 'success', details: { username: values.username, roles: ['admin'] } });
      });
      console.log(`Admin '${values.username}' created.${values.password ? '' : ` Temporary password: ${password}`} (must be changed at first login)`);
      await db.close();
      return;
    }
    case 'verify-audit': {
      const keys = auditKeys(config);
      const db = await openDb(config);
      const r = await verifyAudit(db, keys);
      const against = r.checkpoint ? ` against the checkpoint of ${r.checkpoint.at} (${r.checkpoint.seq} rows, signed)` : '';
      console.log(r.ok ? `Audit log intact: ${r.checked} rows verified${against}.${r.pending ? ` ${r.pending} rows still being sealed.` : ''}`
        : `Audit log BROKEN${r.firstBrokenId ? ` at row id ${r.firstBrokenId}` : ''}: ${r.problem} (${r.checked} rows intact before it).`);
      await db.close();
      process.exitCode = r.ok ? 0 : 1;
      return;
    }
    default:
      console.error(`Unknown command '${cmd}'.\n\n${HELP}`);
      process.exitCode = 2;
  }
}

main().catch((e) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
