import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditKeys, ProcessingActivity, verifyAudit } from '../../platform/audit.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { findBreakGlass, listBreakGlass, reviewBreakGlass } from '../../platform/access/break-glass.ts';
import { type AuditFilter, eventsUnderBreakGlass, listAuditEvents } from '../../platform/audit-events.ts';
import { Role } from '../../platform/access/roles.ts';
import type { Actor } from '../../platform/access/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { listUsers } from '../../platform/auth/users.ts';
import { clientSummaries } from '../clients/store.ts';
import { teamNames } from '../org/store.ts';
import { auditCsv } from './audit-csv.ts';

import { AuditActor, AuditEvent, AuditVerification, BreakGlass } from './schemas.ts';

/**
 * Client names in the audit log only for the privacy officer: that role oversees all access to
 * personal data (AVG art. 38–39, NEN 7513), so names are part of the oversight; the admin sees ids.
 * Each look is itself audited with the ids it named (docs/security.md "Audit log viewer").
 */
const mayNameClients = (actor: Actor) => actor.roles.includes(Role.PrivacyOfficer);

const AuditQuery = z.object({
  clientId: z.uuid().optional(), userId: z.uuid().optional(), action: z.string().max(100).optional(),
  outcome: z.enum(['success', 'denied', 'error']).optional(), from: z.iso.date().optional(), to: z.iso.date().optional(),
  before: z.coerce.number().int().optional(),
});
/** The most rows one CSV export holds; a wider period is exported in parts (the file says so). */
const EXPORT_LIMIT = 10_000;

/** The events with the names of their clients where the actor may see them. */
async function eventsWithNames(tx: Queryable, actor: Actor, f: AuditFilter) {
  const rows = await listAuditEvents(tx, f);
  const ids = mayNameClients(actor) ? rows.flatMap((r) => (r.clientId ? [r.clientId] : [])) : [];
  const names = await clientSummaries(tx, ids);
  return rows.map((r) => ({ ...r, clientName: (r.clientId && names.get(r.clientId)?.name) || null }));
}
const auditFilterDetails = (q: z.infer<typeof AuditQuery>) => ({ clientId: q.clientId, userId: q.userId, action: q.action, outcome: q.outcome, from: q.from, to: q.to });
const namedIds = (rows: { clientId: string | null; clientName: string | null }[]) => [...new Set(rows.filter((r) => r.clientName).map((r) => r.clientId!))];

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/api/v1/audit-events', {
    config: { permission: 'audit.read' },
    schema: {
      tags, summary: 'Audit log (newest first), filterable',
      querystring: AuditQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.array(AuditEvent) },
    },
  }, async (req) =>
    // Looking at the log is itself logged (who watched the watchers), with the clients it named.
    req.store.read({ action: 'audit.read', activity: ProcessingActivity.Oversight }, (tx) => eventsWithNames(tx, req.ctx!.actor, req.query),
      (rows) => ({ details: { filter: auditFilterDetails(req.query), count: rows.length, namedClientIds: namedIds(rows) } })));

  r.get('/api/v1/audit-events.csv', {
    config: { permission: 'audit.read' },
    schema: {
      tags, summary: `The audit log as CSV (semicolons, UTF-8), same filters, newest first, at most ${EXPORT_LIMIT} rows`,
      querystring: AuditQuery, response: { 200: z.string() },
    },
  }, async (req, reply) => {
    const rows = await req.store.read({ action: 'audit.export', activity: ProcessingActivity.Oversight },
      (tx) => eventsWithNames(tx, req.ctx!.actor, { ...req.query, limit: EXPORT_LIMIT }),
      (r) => ({ details: { filter: auditFilterDetails(req.query), count: r.length, namedClientIds: namedIds(r) } }));
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="auditlog-${new Date().toISOString().slice(0, 10)}.csv"`)
      .send(auditCsv(rows, rows.length === EXPORT_LIMIT));
  });

  r.get('/api/v1/audit-actors', {
    config: { permission: 'audit.read' },
    schema: { tags, summary: 'Staff users by name, to filter the audit log by who acted (also for the privacy officer, who cannot list users)',
      response: { 200: z.array(AuditActor) } },
  }, async () => (await listUsers(app.db)).map((u) => ({ id: u.id, name: u.displayName, username: u.username, active: u.active }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl')));

  r.post('/api/v1/audit-verifications', {
    config: { permission: 'audit.verify' },
    schema: { tags, summary: 'Seal pending rows, then verify the audit log against its latest signed checkpoint; reports the first broken row',
      response: { 200: AuditVerification } },
  }, async (req) => {
    const result = await verifyAudit(app.db, auditKeys(app.config));
    await req.store.audit({ action: 'audit.verify', activity: ProcessingActivity.Oversight, outcome: 'success', details: { ...result } });
    return result;
  });

  r.get('/api/v1/break-glass-events', {
    config: { permission: 'break_glass.review' },
    schema: { tags, summary: 'Break-the-glass events, unreviewed first', querystring: z.object({ reviewed: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(BreakGlass) } },
    // The list names clients and why someone opened them: reading it is audited too.
  }, async (req) => req.store.read({ action: 'break_glass.list', activity: ProcessingActivity.Oversight },
    async (tx) => withReviewContext(tx, await listBreakGlass(tx, req.query.reviewed === undefined ? undefined : req.query.reviewed === 'true')),
    (rows) => ({ details: { reviewed: req.query.reviewed, clientIds: [...new Set(rows.map((b) => b.clientId))], count: rows.length } })));

  r.post('/api/v1/break-glass-events/:id/review', {
    config: { permission: 'break_glass.review' },
    schema: { tags, summary: 'Record the privacy officer\'s review of a break-the-glass event', params: z.object({ id: z.uuid() }),
      body: z.object({ note: z.string().trim().min(3).max(2000), justified: z.boolean() }), response: { 200: BreakGlass } },
  }, async (req) => {
    // Four eyes: an emergency access is reviewed by someone other than the one who used it.
    if ((await findBreakGlass(app.db, req.params.id))?.userId === req.ctx!.actor.id) {
      throw forbidden('U kunt uw eigen noodtoegang niet beoordelen; een andere privacyfunctionaris doet dat / You cannot review your own emergency access; another privacy officer does', 'own_break_glass_review');
    }
    const done = await req.store.change({ action: 'break_glass.review', activity: ProcessingActivity.Oversight,
      details: { breakGlassId: req.params.id, justified: req.body.justified } }, (tx) =>
      reviewBreakGlass(tx, req.params.id, req.ctx!.actor.id!, `${req.body.justified ? 'Terecht' : 'Onterecht'}: ${req.body.note}`));
    if (!done) throw notFound('Break-the-glass-melding niet gevonden / Event not found');
    return (await withReviewContext(app.db, [(await findBreakGlass(app.db, req.params.id))!]))[0]!;
  });
}

/** What the privacy officer needs to judge an emergency access: the user's teams, the client's name, and what was opened under it. */
async function withReviewContext<T extends { id: string; userId: string; clientId: string }>(tx: Queryable, events: T[]) {
  if (events.length === 0) return [];
  const users = new Map((await listUsers(tx)).map((u) => [u.id, u.teamIds]));
  const teams = await teamNames(tx, events.flatMap((e) => users.get(e.userId) ?? []));
  const clients = await clientSummaries(tx, events.map((e) => e.clientId));
  const opened = await eventsUnderBreakGlass(tx, events.map((e) => e.id));
  return events.map((e) => ({
    ...e,
    userTeams: (users.get(e.userId) ?? []).map((id) => teams.get(id)).filter((n): n is string => !!n),
    clientName: clients.get(e.clientId)?.name ?? null,
    opened: opened.filter((o) => o.breakGlassId === e.id).map(({ at, action, outcome }) => ({ at, action, outcome })),
  }));
}
