import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { systemContext } from '../../platform/access/context.ts';
import { ProcessingActivity } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden } from '../../platform/errors.ts';
import { enqueue, type JobRunner } from '../../platform/jobs.ts';
import { Store } from '../../platform/store.ts';
import { REFERRAL_STATUS_CHANGED } from '../referrals/referral-store.ts';
import { fhirError, type FhirIssue } from './operation-outcome.ts';
import { checkStructure } from './schema-validator.ts';
import { findServiceRequest, loadTaskSource } from './store.ts';
import { toTask } from './task.ts';
import { callWebhook, endpointProblem, productionPolicy, policyFor, type WebhookPolicy, WebhookRefused } from './webhook.ts';

/**
 * Terugkoppeling by push: FHIR R4 Subscriptions (channel rest-hook) on the Tasks of the practice's
 * own referrals. A status change of a referral (job referral.status_changed) queues one
 * notification job per active subscription; each is delivered with retries and exponential
 * back-off by the job runner, and every attempt is logged in fhir_deliveries.
 */
export const NOTIFY_JOB = 'fhir.subscription.notify';
/** Attempts per notification: 30 s, 1, 2, 4, 8 min apart (src/platform/jobs.ts), then the subscription is set to 'error'. */
export const NOTIFY_ATTEMPTS = 6;
const TIMEOUT_MS = 10_000;

type SubscriptionRow = { id: string; practice_id: string; criteria: string; endpoint: string; payload: string | null; headers: string[]; reason: string | null; status: string; error: string | null };

function toResource(s: SubscriptionRow) {
  return {
    resourceType: 'Subscription', id: s.id, status: s.status === 'off' ? 'off' : s.status, reason: s.reason ?? 'Terugkoppeling verwijzingen',
    criteria: s.criteria, ...(s.error ? { error: s.error } : {}),
    channel: { type: 'rest-hook', endpoint: s.endpoint, ...(s.payload ? { payload: s.payload } : {}), ...(s.headers.length ? { header: s.headers.map((h) => h.replace(/:.*/, ': ***')) } : {}) },
  };
}

export async function subscriptionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['fhir'];
  const send = (reply: FastifyReply, status: number, body: unknown) => reply.status(status).type('application/fhir+json; charset=utf-8').send(body);
  const caller = (req: FastifyRequest) => {
    if (!req.apiCaller) throw forbidden('Alleen voor API-clients van huisartsenpraktijken / Only for API clients of GP practices', 'not_api_client');
    return req.apiCaller;
  };
  const notFoundSub = () => fhirError(404, [{ code: 'not-found', expression: 'Subscription.id', diagnostics: 'Onbekende Subscription / Unknown Subscription' }]);

  r.post('/fhir/r4/Subscription', {
    config: { permission: 'fhir.task.read' }, bodyLimit: 16 * 1024,
    schema: { tags, summary: "Be told when your referrals' Tasks change (rest-hook)", body: z.looseObject({ resourceType: z.string() }) },
  }, async (req, reply) => {
    const c = caller(req);
    // biome-ignore lint/suspicious/noExplicitAny: FHIR JSON, checked below
    const body = req.body as Record<string, any>;
    if (body.resourceType !== 'Subscription') throw fhirError(400, [{ code: 'structure', expression: 'resourceType', diagnostics: "Verwacht een Subscription / Expected a Subscription" }]);
    await checkStructure(body);
    const issues: FhirIssue[] = [];
    if (!['Task', 'Task?'].includes(body.criteria)) issues.push({ code: 'not-supported', expression: 'Subscription.criteria', diagnostics: "Alleen criteria 'Task' (alle Tasks van uw verwijzingen) / Only criteria 'Task' is supported" });
    if (body.channel?.type !== 'rest-hook') issues.push({ code: 'not-supported', expression: 'Subscription.channel.type', diagnostics: "Alleen 'rest-hook' / Only 'rest-hook'" });
    const problem = endpointProblem(String(body.channel?.endpoint ?? ''), policyFor(app.config));
    if (problem) issues.push({ code: 'value', expression: 'Subscription.channel.endpoint', diagnostics: problem });
    const payload = body.channel?.payload ?? null;
    if (payload && !['application/fhir+json', 'application/json'].includes(payload)) issues.push({ code: 'not-supported', expression: 'Subscription.channel.payload', diagnostics: "payload 'application/fhir+json' of leeg / or empty" });
    const headers: string[] = body.channel?.header ?? [];
    if (headers.some((h) => !/^[A-Za-z0-9-]+:\s?[^\r\n]+$/.test(h))) issues.push({ code: 'value', expression: 'Subscription.channel.header', diagnostics: "Elke header als 'Naam: waarde' / Each header as 'Name: value'" });
    if (issues.length > 0) throw fhirError(422, issues);
    const [row] = await app.db.query<SubscriptionRow>(
      `INSERT INTO fhir_subscriptions (practice_id, api_client_id, criteria, endpoint, payload, headers, reason) VALUES ($1,$2,'Task',$3,$4,$5,$6) RETURNING *`,
      [c.practiceId, c.apiClientId, body.channel.endpoint, payload, headers, typeof body.reason === 'string' ? body.reason.slice(0, 500) : null]);
    await req.store.audit({ action: 'fhir.subscription.create', activity: ProcessingActivity.Referral, outcome: 'success', details: { subscriptionId: row!.id, practiceId: c.practiceId } });
    reply.header('location', `/fhir/r4/Subscription/${row!.id}`);
    return send(reply, 201, toResource(row!));
  });

  r.get('/fhir/r4/Subscription/:id', {
    config: { permission: 'fhir.task.read' },
    schema: { tags, summary: 'One of your subscriptions', params: z.object({ id: z.string().max(64) }) },
  }, async (req, reply) => {
    if (!/^[0-9a-f-]{36}$/i.test(req.params.id)) throw notFoundSub();
    const [row] = await app.db.query<SubscriptionRow>('SELECT * FROM fhir_subscriptions WHERE id = $1 AND practice_id = $2', [req.params.id, caller(req).practiceId]);
    if (!row) throw notFoundSub();
    return send(reply, 200, toResource(row));
  });

  r.delete('/fhir/r4/Subscription/:id', {
    config: { permission: 'fhir.task.read' },
    schema: { tags, summary: 'Stop a subscription', params: z.object({ id: z.string().max(64) }) },
  }, async (req, reply) => {
    if (!/^[0-9a-f-]{36}$/i.test(req.params.id)) throw notFoundSub();
    const rows = await app.db.query(`UPDATE fhir_subscriptions SET status = 'off' WHERE id = $1 AND practice_id = $2 RETURNING id`, [req.params.id, caller(req).practiceId]);
    if (rows.length === 0) throw notFoundSub();
    return reply.status(204).send();
  });
}

/** Job handlers: fan out a referral's status change to the practice's subscriptions, and deliver each. */
export function registerFhirJobs(jobs: JobRunner, db: Db, policy: WebhookPolicy = productionPolicy) {
  jobs.register(REFERRAL_STATUS_CHANGED, async (payload, job) => {
    const [sr] = await db.query<{ id: string; practice_id: string }>('SELECT id, practice_id FROM fhir_service_requests WHERE referral_id = $1', [payload.referralId]);
    if (!sr) return; // not a referral that came in over FHIR
    const subs = await db.query<{ id: string }>(`SELECT id FROM fhir_subscriptions WHERE practice_id = $1 AND status IN ('active', 'error')`, [sr.practice_id]);
    for (const s of subs) {
      await enqueue(db, NOTIFY_JOB, { subscriptionId: s.id, serviceRequestId: sr.id }, { uniqueKey: `${NOTIFY_JOB}:${s.id}:${job.id}`, maxAttempts: NOTIFY_ATTEMPTS });
    }
  });

  jobs.register(NOTIFY_JOB, async (payload, job) => {
    const [sub] = await db.query<SubscriptionRow>(`SELECT * FROM fhir_subscriptions WHERE id = $1`, [payload.subscriptionId]);
    if (!sub || sub.status === 'off') return;
    const sr = await findServiceRequest(db, sub.practice_id, String(payload.serviceRequestId));
    if (!sr) return;
    // The current Task (not a snapshot): a late retry reports the latest status, never an outdated one. Its audit row is
    // written after the attempt, with the real outcome: no transaction stays open during an outgoing call of up to 10 s.
    const source = await loadTaskSource(db, sr);
    const task = toTask(source);
    const headers: Record<string, string> = {};
    for (const h of sub.headers) {
      const i = h.indexOf(':');
      headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
    }
    const withPayload = sub.payload !== null;
    const url = withPayload ? `${sub.endpoint.replace(/\/$/, '')}/Task/${task.id}` : sub.endpoint;
    let httpStatus: number | null = null;
    let error: string | null = null;
    let refused = false;
    try {
      httpStatus = await callWebhook(url, {
        method: withPayload ? 'PUT' : 'POST', timeoutMs: TIMEOUT_MS,
        headers: { ...headers, ...(withPayload ? { 'content-type': 'application/fhir+json' } : {}) },
        body: withPayload ? JSON.stringify(task) : undefined,
      }, policy);
      if (httpStatus < 200 || httpStatus >= 300) error = `HTTP ${httpStatus}`;
    } catch (e) {
      refused = e instanceof WebhookRefused;
      error = String((e as Error).message ?? e).slice(0, 300);
    }
    await new Store(db, systemContext('fhir-subscription')).audit({ action: 'referral.feedback_sent', activity: ProcessingActivity.Referral,
      outcome: error === null ? 'success' : refused ? 'denied' : 'error', clientId: source.clientId,
      details: { serviceRequestId: sr.id, subscriptionId: sub.id, attempt: job.attempts, httpStatus, ...(error ? { error } : {}) } });
    await db.query(`INSERT INTO fhir_deliveries (subscription_id, service_request_id, task_status, attempt, http_status, error, delivered) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [sub.id, sr.id, task.status, job.attempts, httpStatus, error, error === null]);
    if (error === null) {
      if (sub.status === 'error') await db.query(`UPDATE fhir_subscriptions SET status = 'active', error = NULL WHERE id = $1`, [sub.id]);
      return;
    }
    if (job.attempts >= NOTIFY_ATTEMPTS) await db.query(`UPDATE fhir_subscriptions SET status = 'error', error = $2 WHERE id = $1`, [sub.id, `Delivery failed ${NOTIFY_ATTEMPTS} times: ${error}`]);
    throw new Error(`notification to subscription ${sub.id} failed: ${error}`);
  });
}
