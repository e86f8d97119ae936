import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './platform/config.ts';
import { openDb } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { seedDemo } from './demo/seed.ts';
import { AuditSequencer, auditKeys, setAuditWriterOff } from './platform/audit.ts';

/** Opens the database, migrates, (in demo mode) seeds, listens, and shuts down gracefully on a signal. */
export async function startServer(config: Config): Promise<FastifyInstance> {
  const auditSigning = auditKeys(config); // no signing key outside demo: a configuration error before anything starts
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  if (config.demo) await seedDemo(db);
  const app = await buildApp({ config, db });
  const jobs = app.jobs;
  if (config.jobs) jobs.start();
  if (config.benchAuditOff) {
    setAuditWriterOff(true);
    app.log.warn('WEGWIJS_BENCH_AUDIT_OFF: no audit rows are written (benchmarks only)');
  }
  // The one sequencer that seals audit rows into the chain and signs checkpoints (several instances: one works at a time).
  const sequencer = new AuditSequencer(db, auditSigning, (problem) => app.log.error({ problem }, 'audit log: checkpoint refused'));
  sequencer.start();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close(); // stops accepting, lets in-flight requests finish
    await jobs.stop();
    await sequencer.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ port: config.port, engine: db.engine, demo: config.demo, mfaRequired: config.requireMfa }, 'Wegwijs started');
  return app;
}
