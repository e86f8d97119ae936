import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditKeys, ProcessingActivity, verifyAudit } from '../../platform/audit.ts';
import { forbidden, notFound } from '../../platform/errors.ts';

const AuditEvent = z.object({
  id: z.number(), at: z.date(), actorUserId: z.uuid().nullable(), actorName: z.string().nullable(), actorRoles: z.array(z.string()),
  onBehalfOf: z.string().nullable(), action: z.string(), processingActivity: z.string(), clientId: z.uuid().nullable(),
  outcome: z.string(), breakGlassId: z.uuid().nullable(), remoteAddr: z.string().nullable(), details: z.record(z.string(), z.unknown()),
});
const BreakGlass = z.object({
  id: z.uuid(), userId: z.uuid(), userName: z.string(), clientId: z.uuid(), reason: z.string(), createdAt: z.date(), expiresAt: z.date(),
  reviewedAt: z.date().nullable(), reviewedByName: z.string().nullable(), reviewNote: z.string().nullable(),
});

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
    const rows = await app.db.query<z.infer<typeof AuditEvent>>(
      `SELECT id, at, actor_user_id AS "actorUserId", actor_name AS "actorName", actor_roles AS "actorRoles", on_behalf_of AS "onBehalfOf",
         action, processing_activity AS "processingActivity", client_id AS "clientId", outcome, break_glass_id AS "breakGlassId",
         remote_addr AS "remoteAddr", details
       FROM audit_log
       WHERE ($1::uuid IS NULL OR client_id = $1) AND ($2::uuid IS NULL OR actor_user_id = $2) AND ($3::text IS NULL OR action = $3)
         AND ($4::text IS NULL OR outcome = $4) AND ($5::bigint IS NULL OR id < $5)
       ORDER BY id DESC LIMIT $6`,
      [q.clientId ?? null, q.userId ?? null, q.action ?? null, q.outcome ?? null, q.before ?? null, q.limit]);
    // Looking at the log is itself logged (who watched the watchers).
    await req.store.audit({ action: 'audit.read', activity: ProcessingActivity.Oversight, outcome: 'success',
      details: { filter: { clientId: q.clientId, userId: q.userId, action: q.action, outcome: q.outcome }, count: rows.length } });
    return rows;
  });

  r.post('/api/v1/audit-verifications', {
    config: { permission: 'audit.verify' },
    schema: { tags, summary: 'Seal pending rows, then verify the audit log against its latest signed checkpoint; reports the first broken row',
      response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBrokenId: z.number().nullable(), problem: z.string().optional(),
        checkpoint: z.object({ seq: z.number(), at: z.string() }).nullable(), pending: z.number() }) } },
  }, async (req) => {
    const result = await verifyAudit(app.db, auditKeys(app.config));
    await req.store.audit({ action: 'audit.verify', activity: ProcessingActivity.Oversight, outcome: 'success', details: { ...result } });
    return result;
  });

  r.get('/api/v1/break-glass-events', {
    config: { permission: 'break_glass.review' },
    schema: { tags, summary: 'Break-the-glass events, unreviewed first', querystring: z.object({ reviewed: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(BreakGlass) } },
  }, async (req) => app.db.query<z.infer<typeof BreakGlass>>(
    `SELECT b.id, b.user_id AS "userId", u.display_name AS "userName", b.client_id AS "clientId", b.reason, b.created_at AS "createdAt",
       b.expires_at AS "expiresAt", b.reviewed_at AS "reviewedAt", rv.display_name AS "reviewedByName", b.review_note AS "reviewNote"
     FROM break_glass b JOIN users u ON u.id = b.user_id LEFT JOIN users rv ON rv.id = b.reviewed_by
     WHERE ($1::text IS NULL OR (b.reviewed_at IS NOT NULL) = ($1 = 'true'))
     ORDER BY b.reviewed_at IS NOT NULL, b.created_at DESC LIMIT 500`, [req.query.reviewed ?? null]));

  r.post('/api/v1/break-glass-events/:id/review', {
    config: { permission: 'break_glass.review' },
    schema: { tags, summary: 'Record the privacy officer\'s review of a break-the-glass event', params: z.object({ id: z.uuid() }),
      body: z.object({ note: z.string().trim().min(3).max(2000), justified: z.boolean() }), response: { 200: BreakGlass } },
  }, async (req) => {
    // Four eyes: an emergency access is reviewed by someone other than the one who used it.
    if ((await app.db.query('SELECT 1 FROM break_glass WHERE id = $1 AND user_id = $2', [req.params.id, req.ctx!.actor.id])).length > 0) {
      throw forbidden('U kunt uw eigen noodtoegang niet beoordelen; een andere privacyfunctionaris doet dat / You cannot review your own emergency access; another privacy officer does', 'own_break_glass_review');
    }
    const done = await req.store.withAudit({ action: 'break_glass.review', activity: ProcessingActivity.Oversight,
      details: { breakGlassId: req.params.id, justified: req.body.justified } }, async (tx) =>
      (await tx.query<{ id: string }>(`UPDATE break_glass SET reviewed_at = now(), reviewed_by = $2, review_note = $3 WHERE id = $1 RETURNING id`,
        [req.params.id, req.ctx!.actor.id, `${req.body.justified ? 'Terecht' : 'Onterecht'}: ${req.body.note}`]))[0]);
    if (!done) throw notFound('Break-the-glass-melding niet gevonden / Event not found');
    const [row] = await app.db.query<z.infer<typeof BreakGlass>>(
      `SELECT b.id, b.user_id AS "userId", u.display_name AS "userName", b.client_id AS "clientId", b.reason, b.created_at AS "createdAt",
         b.expires_at AS "expiresAt", b.reviewed_at AS "reviewedAt", rv.display_name AS "reviewedByName", b.review_note AS "reviewNote"
       FROM break_glass b JOIN users u ON u.id = b.user_id LEFT JOIN users rv ON rv.id = b.reviewed_by WHERE b.id = $1`, [req.params.id]);
    return row!;
  });
}
