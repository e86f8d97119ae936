/**
 * Shapes of the API responses the UI uses: types only, inferred (z.infer) from the server's Zod
 * response schemas in `src/**\/schemas.ts` — never hand-written copies, never other server files.
 */
import type { AuditEvent as AuditEventRow, BreakGlass } from '../../src/modules/audit/schemas.ts';
import type { ClientView } from '../../src/modules/clients/schemas.ts';

export type { SessionUser, SessionView } from '../../src/platform/auth/schemas.ts';
export type { User } from '../../src/modules/admin/schemas.ts';
export type { DeskType, District, Named, PostcodeLookup, PostcodeRange, Team, TeamKind } from '../../src/modules/org/schemas.ts';
export type { AuditActor, AuditVerification } from '../../src/modules/audit/schemas.ts';
export type { WaitingWork } from '../../src/modules/home/schemas.ts';

/** What JSON makes of a server value: a Date arrives as its ISO string. */
export type Json<T> = T extends Date ? string
  : T extends readonly (infer U)[] ? Json<U>[]
  : T extends object ? { [K in keyof T]: Json<T[K]> }
  : T;

export type AuditEvent = Json<AuditEventRow>;
export type BreakGlassEvent = Json<BreakGlass>;

export type Client = ClientView;
export type RelatedPerson = ClientView['persons'][number];
