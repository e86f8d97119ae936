import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { ApiCaller } from '../practices/store.ts';
import { findReferralSummary } from '../referrals/referral-store.ts';
import { capabilityStatement } from './capability.ts';
import { CODE_SYSTEMS, systemUrl, toCodeSystemResource } from './code-systems.ts';
import { type GpReferral, parseGpReferral } from './gp-referral.ts';
import { fhirError } from './operation-outcome.ts';
import { checkStructure, warmUpSchema } from './schema-validator.ts';
import { findByIdentifier, findServiceRequest, loadTaskSource, receiveGpReferral, type ServiceRequestRow } from './store.ts';
import { subscriptionRoutes } from './subscriptions.ts';
import { toTask } from './task.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** A referral is about 5 KB (a long note included); 256 KB leaves room without inviting abuse (docs/security.md). */
export const FHIR_BODY_LIMIT = 256 * 1024;

/**
 * FHIR R4 API for GP practice systems (DOMAIN §3.5, docs/fhir.md). Bodies are FHIR resources,
 * checked against the official FHIR R4 JSON schema and the Wegwijs profile rather than a Zod
 * schema; responses are FHIR resources too, so no Zod response schema strips their elements.
 * Errors become OperationOutcome in the platform's error handler (src/platform/problem.ts).
 */
export async function fhirRoutes(app: FastifyInstance) {
  app.addContentTypeParser(['application/fhir+json', 'application/json+fhir'], { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError('malformed_json', 400, 'De aanvraag bevat geen geldige JSON / The request body is not valid JSON'), undefined);
    }
  });
  // Compile the schema while the app starts, not on the first GP request.
  app.addHook('onReady', async () => { if (app.config.fhirWarmUp) warmUpSchema(); });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['fhir'];
  const Resource = z.looseObject({ resourceType: z.string() });
  // Never built from the Host header (a client could put any host in a Location): the configured public URL, else relative.
  const baseUrl = `${app.config.publicUrl?.replace(/\/$/, '') ?? ''}/fhir/r4`;
  const send = (reply: FastifyReply, status: number, resource: unknown) => reply.status(status).type(FHIR_JSON).send(resource);
  const callerOf = (req: FastifyRequest): ApiCaller => {
    if (!req.apiCaller) throw forbidden('Alleen voor API-clients van huisartsenpraktijken / Only for API clients of GP practices', 'not_api_client');
    return req.apiCaller;
  };

  /** `readBy`: the reading request, audited; null when the request that created the referral echoes it (its own row covers it). */
  async function serviceRequestView(readBy: FastifyRequest | null, sr: ServiceRequestRow) {
    const load = async (tx: Queryable) => (sr.referralId ? await findReferralSummary(tx, sr.referralId) : null);
    // The referral's state is about a client: reading it is audited like any other read.
    const ref = !readBy ? await load(app.db) : await readBy.store.read({ action: 'referral.service_request_read', activity: ProcessingActivity.Referral,
      details: { serviceRequestId: sr.id } }, load, (r) => ({ clientId: r?.clientId ?? null }));
    const status = ref?.status === 'closed' ? 'completed' : ref?.status === 'returned' ? 'revoked' : 'active';
    return {
      resourceType: 'ServiceRequest', id: sr.id, meta: { versionId: '1', lastUpdated: new Date(sr.createdAt).toISOString() },
      identifier: [{ system: sr.identifierSystem, value: sr.identifierValue }], status, intent: 'order',
      priority: ({ normal: 'routine', urgent: 'urgent', crisis: 'stat' } as Record<string, string>)[ref?.urgency ?? 'normal'],
      ...(sr.authoredOn ? { authoredOn: new Date(sr.authoredOn).toISOString() } : {}),
      requester: { display: sr.practiceName },
    };
  }

  /** If-None-Exist: only `identifier=[system]|[value]` is supported (the GP's own id, per practice). */
  async function matchIfNoneExist(caller: ApiCaller, condition: string): Promise<ServiceRequestRow | null> {
    const params = new URLSearchParams(condition.replace(/^.*\?/, ''));
    const id = params.get('identifier');
    if (!id || [...params.keys()].some((k) => k !== 'identifier')) {
      throw fhirError(400, [{ code: 'not-supported', expression: 'If-None-Exist', diagnostics: "Alleen 'identifier=[system]|[value]' wordt ondersteund / Only 'identifier=[system]|[value]' is supported" }]);
    }
    const bar = id.indexOf('|');
    return bar > 0 ? findByIdentifier(app.db, caller.practiceId, id.slice(0, bar), id.slice(bar + 1)) : null;
  }

  /** Validate (schema, then profile), honour If-None-Exist, then receive once. */
  async function submit(req: FastifyRequest, body: unknown): Promise<{ sr: ServiceRequestRow; created: boolean }> {
    const caller = callerOf(req);
    await checkStructure(body);
    const parsed = parseGpReferral(body);
    if (!parsed.ok) throw fhirError(parsed.status, parsed.issues);
    const ref: GpReferral = parsed.referral;
    if (ref.referrer.organisationAgbCode && ref.referrer.organisationAgbCode !== caller.practiceAgbCode) {
      throw fhirError(422, [{ code: 'business-rule', expression: 'Organization.identifier',
        diagnostics: `De AGB-code van de praktijk hoort niet bij deze API-client (verwacht ${caller.practiceAgbCode}) / The practice AGB code does not belong to this API client` }]);
    }
    const header = req.headers['if-none-exist'];
    const condition = (Array.isArray(header) ? header[0] : header) ?? ref.ifNoneExist;
    if (condition) {
      const existing = await matchIfNoneExist(caller, condition);
      if (existing) return { sr: existing, created: false };
    }
    const received = await receiveGpReferral(req.store, caller, ref);
    return { sr: (await findServiceRequest(app.db, caller.practiceId, received.serviceRequestId))!, created: received.created };
  }

  r.post('/fhir/r4/ServiceRequest', {
    config: { permission: 'fhir.service_request.create' }, bodyLimit: FHIR_BODY_LIMIT,
    schema: { tags, summary: 'Send a GP referral (ServiceRequest with contained resources); retry-safe by identifier', body: Resource },
  }, async (req, reply) => {
    if (req.body.resourceType !== 'ServiceRequest') throw fhirError(400, [{ code: 'structure', expression: 'resourceType', diagnostics: "Verwacht resourceType 'ServiceRequest' / Expected a ServiceRequest" }]);
    const { sr, created } = await submit(req, req.body);
    reply.header('location', `${baseUrl}/ServiceRequest/${sr.id}/_history/1`).header('etag', 'W/"1"');
    return send(reply, created ? 201 : 200, await serviceRequestView(null, sr));
  });

  r.post('/fhir/r4', {
    config: { permission: 'fhir.service_request.create' }, bodyLimit: FHIR_BODY_LIMIT,
    schema: { tags, summary: 'Send a GP referral as a transaction Bundle (ServiceRequest + Patient + Practitioner(Role) + Organization + Consent [+ RelatedPerson])', body: Resource },
  }, async (req, reply) => {
    if (req.body.resourceType !== 'Bundle') throw fhirError(400, [{ code: 'structure', expression: 'resourceType', diagnostics: "Verwacht een transaction-Bundle / Expected a transaction Bundle" }]);
    const { sr, created } = await submit(req, req.body);
    const entries = (req.body.entry as { resource?: { resourceType?: string } }[] | undefined) ?? [];
    const lastModified = new Date(sr.createdAt).toISOString();
    const view = await serviceRequestView(null, sr);
    return send(reply, 200, {
      resourceType: 'Bundle', type: 'transaction-response',
      entry: entries.map((e) => e.resource?.resourceType === 'ServiceRequest'
        ? { resource: view, response: { status: created ? '201 Created' : '200 OK', location: `ServiceRequest/${sr.id}/_history/1`, etag: 'W/"1"', lastModified } }
        // The other entries are taken into the referral; Wegwijs does not keep them as separate resources.
        : { response: { status: '200 OK' } }),
    });
  });

  r.get('/fhir/r4/ServiceRequest/:id', {
    config: { permission: 'fhir.service_request.read' },
    schema: { tags, summary: 'One of your own referrals (minimal)', params: z.object({ id: z.string().max(64) }) },
  }, async (req, reply) => {
    const sr = await findServiceRequest(app.db, callerOf(req).practiceId, req.params.id);
    if (!sr) throw fhirError(404, [{ code: 'not-found', expression: 'ServiceRequest.id', diagnostics: 'Onbekende ServiceRequest / Unknown ServiceRequest' }]);
    return send(reply.header('etag', 'W/"1"'), 200, await serviceRequestView(req, sr));
  });

  /** Reading feedback is about a client: audited, and only the referring practice finds its Task. */
  async function readTask(req: FastifyRequest, sr: ServiceRequestRow) {
    const source = await req.store.read({ action: 'referral.feedback_read', activity: ProcessingActivity.Referral, details: { serviceRequestId: sr.id } },
      (tx) => loadTaskSource(tx, sr), (t) => ({ clientId: t.clientId }));
    return toTask(source);
  }

  r.get('/fhir/r4/Task/:id', {
    config: { permission: 'fhir.task.read' },
    schema: { tags, summary: 'Status of your own referral (Task.id = ServiceRequest.id)', params: z.object({ id: z.string().max(64) }) },
  }, async (req, reply) => {
    const sr = await findServiceRequest(app.db, callerOf(req).practiceId, req.params.id);
    if (!sr) throw fhirError(404, [{ code: 'not-found', expression: 'Task.id', diagnostics: 'Onbekende Task / Unknown Task' }]);
    return send(reply, 200, await readTask(req, sr));
  });

  r.get('/fhir/r4/Task', {
    config: { permission: 'fhir.task.read' },
    schema: { tags, summary: 'Search the Task of your referral: ?based-on=ServiceRequest/[id]', querystring: z.looseObject({ 'based-on': z.string().max(120).optional() }) },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const basedOn = req.query['based-on'];
    const unsupported = Object.keys(req.query).filter((k) => !['based-on', '_format'].includes(k));
    if (!basedOn || unsupported.length > 0) {
      throw fhirError(400, [{ code: 'not-supported', expression: unsupported[0] ?? 'based-on', diagnostics: "Zoek met 'based-on=ServiceRequest/[id]' / Search with 'based-on=ServiceRequest/[id]'" }]);
    }
    const sr = await findServiceRequest(app.db, caller.practiceId, basedOn.replace(/^.*ServiceRequest\//, ''));
    const tasks = sr ? [await readTask(req, sr)] : [];
    return send(reply, 200, {
      resourceType: 'Bundle', type: 'searchset', total: tasks.length,
      link: [{ relation: 'self', url: `${baseUrl}/Task?based-on=${encodeURIComponent(basedOn)}` }],
      entry: tasks.map((t) => ({ fullUrl: `${baseUrl}/Task/${t.id}`, resource: t, search: { mode: 'match' } })),
    });
  });

  r.get('/fhir/r4/metadata', {
    config: { public: true },
    schema: { tags, summary: 'CapabilityStatement: what this FHIR server supports' },
  }, async (_req, reply) => send(reply, 200, capabilityStatement(baseUrl, { version: '0.1.0' })));

  r.get('/fhir/r4/CodeSystem', {
    config: { public: true },
    schema: { tags, summary: 'Search the Wegwijs code systems: all of them, or ?url=[canonical URL]', querystring: z.looseObject({ url: z.string().max(200).optional() }) },
  }, async (req, reply) => {
    const unsupported = Object.keys(req.query).filter((k) => !['url', '_format'].includes(k));
    if (unsupported.length > 0) throw fhirError(400, [{ code: 'not-supported', expression: unsupported[0], diagnostics: "Alleen zoeken op 'url' / Only the 'url' search parameter is supported" }]);
    const found = CODE_SYSTEMS.filter((c) => !req.query.url || systemUrl(c) === req.query.url);
    return send(reply, 200, {
      resourceType: 'Bundle', type: 'searchset', total: found.length,
      link: [{ relation: 'self', url: `${baseUrl}/CodeSystem${req.query.url ? `?url=${encodeURIComponent(req.query.url)}` : ''}` }],
      entry: found.map((c) => ({ fullUrl: `${baseUrl}/CodeSystem/${c.id}`, resource: toCodeSystemResource(c), search: { mode: 'match' } })),
    });
  });

  r.get('/fhir/r4/CodeSystem/:id', {
    config: { public: true },
    schema: { tags, summary: 'Wegwijs code systems (life domains, safety signals, contact routes)', params: z.object({ id: z.string().max(64) }) },
  }, async (req, reply) => {
    const cs = CODE_SYSTEMS.find((c) => c.id === req.params.id);
    if (!cs) throw fhirError(404, [{ code: 'not-found', expression: 'CodeSystem.id', diagnostics: `Onbekend CodeSystem; bekend: ${CODE_SYSTEMS.map((c) => c.id).join(', ')} / Unknown CodeSystem` }]);
    return send(reply, 200, toCodeSystemResource(cs));
  });

  await app.register(subscriptionRoutes);
}
