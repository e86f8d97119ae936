import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditKeys, ProcessingActivity, verifyAudit } from '../../platform/audit.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { findBreakGlass, listBreakGlass, reviewBreakGlass } from '../../platform/access/break-glass.ts';
import { listAuditEvents } from '../../platform/audit-events.ts';

import { AuditEvent, AuditVerification, BreakGlass } from './schemas.ts';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get('/api/v1/audit-events', {
    config: { permission: 'audit.read' },
    schema: {
      tags, summary: 'Audit log (newest first), filterable',
      querystring: z.object({
        clientId: z.uuid().optional(), userId: z.uuid().optional(), action: z.string().max(100).optional(),
        outcome: z.enum(['success', 'denied', 'error']).optional(), before: z.coerce.number().int().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.array(AuditEvent) },
    },
  }, async (req) => {
    const q = req.query;
    const rows = await listAuditEvents(app.db, q);
    // Looking at the log is itself logged (who watched the watchers).
    await req.store.audit({ action: 'audit.read', activity: ProcessingActivity.Oversight, outcome: 'success',
      details: { filter: { clientId: q.clientId, userId: q.userId, action: q.action, outcome: q.outcome }, count: rows.length } });
    return rows;
  });

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
  }, async (req) => req.store.read({ action: 'break_glass.list', activity: ProcessingActivity.Oversight }, (tx) => listBreakGlass(tx, req.query.reviewed === undefined ? undefined : req.query.reviewed === 'true'),
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
    return (await findBreakGlass(app.db, req.params.id))!;
  });
}
