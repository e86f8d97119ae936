/** Response shapes of the audit API (log, verification, break-the-glass review). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';

export const AuditEvent = z.object({
  id: z.number(), at: z.date(), actorUserId: z.uuid().nullable(), actorName: z.string().nullable(), actorRoles: z.array(z.string()),
  onBehalfOf: z.string().nullable(), action: z.string(), processingActivity: z.string(), clientId: z.uuid().nullable(),
  outcome: z.string(), breakGlassId: z.uuid().nullable(), remoteAddr: z.string().nullable(), details: z.record(z.string(), z.unknown()),
  /** Only for the privacy officer, who oversees all access (docs/security.md); null for others and for unknown ids. */
  clientName: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditActor = z.object({ id: z.uuid(), name: z.string(), username: z.string(), active: z.boolean() });
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditVerification = z.object({ ok: z.boolean(), checked: z.number(), firstBrokenId: z.number().nullable(), problem: z.string().optional(),
  checkpoint: z.object({ seq: z.number(), at: z.string() }).nullable(), pending: z.number() });
export type AuditVerification = z.infer<typeof AuditVerification>;

export const BreakGlass = z.object({
  id: z.uuid(), userId: z.uuid(), userName: z.string(), clientId: z.uuid(), reason: z.string(), createdAt: z.date(), expiresAt: z.date(),
  reviewedAt: z.date().nullable(), reviewedByName: z.string().nullable(), reviewNote: z.string().nullable(),
  /** The user's teams now, the client's name, and what was done under this access (from the audit log). */
  userTeams: z.array(z.string()), clientName: z.string().nullable(),
  opened: z.array(z.object({ at: z.date(), action: z.string(), outcome: z.string() })),
});
export type BreakGlass = z.infer<typeof BreakGlass>;
