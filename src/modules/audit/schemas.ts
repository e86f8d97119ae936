/** Response shapes of the audit API (log, verification, break-the-glass review). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';

export const AuditEvent = z.object({
  id: z.number(), at: z.date(), actorUserId: z.uuid().nullable(), actorName: z.string().nullable(), actorRoles: z.array(z.string()),
  onBehalfOf: z.string().nullable(), action: z.string(), processingActivity: z.string(), clientId: z.uuid().nullable(),
  outcome: z.string(), breakGlassId: z.uuid().nullable(), remoteAddr: z.string().nullable(), details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditVerification = z.object({ ok: z.boolean(), checked: z.number(), firstBrokenId: z.number().nullable(), problem: z.string().optional(),
  checkpoint: z.object({ seq: z.number(), at: z.string() }).nullable(), pending: z.number() });
export type AuditVerification = z.infer<typeof AuditVerification>;

export const BreakGlass = z.object({
  id: z.uuid(), userId: z.uuid(), userName: z.string(), clientId: z.uuid(), reason: z.string(), createdAt: z.date(), expiresAt: z.date(),
  reviewedAt: z.date().nullable(), reviewedByName: z.string().nullable(), reviewNote: z.string().nullable(),
});
export type BreakGlass = z.infer<typeof BreakGlass>;
