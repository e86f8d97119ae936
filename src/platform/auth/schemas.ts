/**
 * The session API's response shapes. Pure (zod only, no server imports): the UI imports its
 * types from here (`import type`), so the UI and the server cannot drift apart.
 */
import { z } from 'zod';

export const SessionTeam = z.object({ id: z.uuid(), name: z.string(), kind: z.string() });
export type SessionTeam = z.infer<typeof SessionTeam>;

export const SessionUser = z.object({
  id: z.uuid(), username: z.string(), displayName: z.string(), roles: z.array(z.string()),
  teams: z.array(SessionTeam), totpEnabled: z.boolean(), mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionView = z.object({
  user: SessionUser,
  csrfToken: z.string(),
  mfaRequired: z.boolean().describe('true: set up two-factor login before anything else'),
});
export type SessionView = z.infer<typeof SessionView>;

export const TotpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;
