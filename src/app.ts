import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db.ts';
import { frameworkErrors, registerDocs, registerHttp, registerWeb } from './platform/http.ts';
import { registerProblemFormat } from './platform/problem.ts';
import { authPlugin } from './platform/auth/plugin.ts';
import { sessionRoutes } from './platform/auth/routes.ts';
import { oidcRoutes } from './platform/auth/oidc-routes.ts';
import { healthRoutes } from './platform/health.ts';
import { adminRoutes } from './modules/admin/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { clientRoutes } from './modules/clients/routes.ts';
import { referralRoutes } from './modules/referrals/routes.ts';
import { intakeRoutes } from './modules/intake/routes.ts';
import { portalRoutes } from './modules/portal/routes.ts';
import { practiceRoutes } from './modules/practices/routes.ts';
import { networkRoutes } from './modules/network/routes.ts';
import { indicationRoutes } from './modules/indications/routes.ts';
import { iwmoRoutes } from './modules/iwmo/routes.ts';
import { financeRoutes } from './modules/finance/routes.ts';
import { fhirRoutes } from './modules/fhir/routes.ts';
import { homeRoutes } from './modules/home/routes.ts';
import { caseworkRoutes } from './modules/casework/routes.ts';
import { householdRoutes } from './modules/household/routes.ts';
import { legalTermRoutes } from './modules/legal-terms/routes.ts';
import { monitorRoutes } from './modules/monitor/routes.ts';
import { wmoRoutes } from './modules/wmo/routes.ts';
import { safetyRoutes } from './modules/safety/routes.ts';
import { satisfactionRoutes } from './modules/satisfaction/routes.ts';
import { fhirProblemFormat } from './modules/fhir/operation-outcome.ts';
import { teamsByIds } from './modules/org/store.ts';
import { registerJobs } from './jobs.ts';
import { JobRunner } from './platform/jobs.ts';

export type BuildOptions = { config: Config; db: Db; logger?: boolean };

/** Builds the app: platform plugins first, then every module in one readable list. */
export async function buildApp({ config, db, logger = true }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? {
      level: config.logLevel,
      // Structured JSON; never bodies, cookies or tokens (they may hold personal data).
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      serializers: { req: (r) => ({ method: r.method, url: r.url.split('?')[0], reqId: r.id }) },
    } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors,
  });
  app.decorate('db', db);
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await registerHttp(app);
  registerProblemFormat(fhirProblemFormat);
  await app.register(formbody);
  await app.register(authPlugin);
  await registerDocs(app);

  await app.register(healthRoutes);
  await app.register(sessionRoutes, { lookupTeams: teamsByIds });
  await app.register(oidcRoutes);
  await app.register(orgRoutes);
  await app.register(adminRoutes);
  await app.register(auditRoutes);
  await app.register(clientRoutes);
  await app.register(intakeRoutes);
  await app.register(referralRoutes);
  await app.register(caseworkRoutes);
  await app.register(safetyRoutes);
  await app.register(satisfactionRoutes);
  await app.register(householdRoutes);
  await app.register(portalRoutes);
  await app.register(practiceRoutes);
  await app.register(networkRoutes);
  await app.register(fhirRoutes);
  await app.register(homeRoutes);
  await app.register(legalTermRoutes);
  await app.register(monitorRoutes);
  await app.register(wmoRoutes);
  await app.register(indicationRoutes);
  await app.register(iwmoRoutes, {});
  await app.register(financeRoutes);

  await registerWeb(app);
  registerJobs(new JobRunner(db), app);
  return app;
}
