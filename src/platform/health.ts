import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance) {
  /** Liveness: the process answers. */
  app.get('/health', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  /** Readiness: the database answers and migrations have run. */
  app.get('/ready', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await app.db.query('SELECT 1 FROM schema_migrations LIMIT 1');
      return { status: 'ready', database: app.db.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
