/**
 * Shapes of the API responses the UI uses: types only, inferred from the server's Zod response
 * schemas in `src/**\/schemas.ts` (never hand-written copies, never other server files).
 */
import type { z } from 'zod';
import type { User as UserSchema } from '../../src/modules/admin/schemas.ts';
import type { AuditEvent as AuditEventSchema, AuditVerification as AuditVerificationSchema, BreakGlass } from '../../src/modules/audit/schemas.ts';
import type { ClientView } from '../../src/modules/clients/schemas.ts';

export type { SessionUser, SessionView } from '../../src/platform/auth/schemas.ts';
export type { DeskType, District, Named, PostcodeLookup, PostcodeRange, Team, TeamKind } from '../../src/modules/org/schemas.ts';

/** What JSON makes of a server value: a Date arrives as its ISO string. */
export type Json<T> = T extends Date ? string
  : T extends readonly (infer U)[] ? Json<U>[]
  : T extends object ? { [K in keyof T]: Json<T[K]> }
  : T;

export type User = z.infer<typeof UserSchema>;
export type AuditEvent = Json<z.infer<typeof AuditEventSchema>>;
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
export type BreakGlassEvent = Json<z.infer<typeof BreakGlass>>;

export type Client = ClientView;
export type RelatedPerson = ClientView['persons'][number];
