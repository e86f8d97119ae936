/** Response shapes of the citizens' portal API. Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';

export const CitizenSessionView = z.object({ name: z.string(), bsnMasked: z.string(), csrfToken: z.string() });
export type CitizenSessionView = z.infer<typeof CitizenSessionView>;

/** `contactBy`: the day (YYYY-MM-DD) by which the desk contacts the citizen (contact-promise.ts). */
export const PortalReceipt = z.object({ id: z.uuid(), reference: z.string(), createdAt: z.string(), deskName: z.string(), contactBy: z.string() });
export type PortalReceipt = z.infer<typeof PortalReceipt>;

export const PortalRequestStatus = z.object({
  id: z.uuid(), reference: z.string(), createdAt: z.string(), question: z.string(), onBehalfOf: z.string().nullable(),
  status: z.enum(['received', 'handled']), deskName: z.string(), outcome: z.string().nullable(), referral: z.object({ teamName: z.string(), status: z.string() }).nullable(),
});
export type PortalRequestStatus = z.infer<typeof PortalRequestStatus>;

export const AccessLogEntry = z.object({ at: z.string(), organisation: z.string(), what: z.string() });
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const Letter = z.object({ id: z.uuid(), title: z.string(), date: z.string() });
export type Letter = z.infer<typeof Letter>;

/** A digital question as the desk sees it. */
export const PortalQuestion = z.object({ id: z.uuid(), reference: z.string(), createdAt: z.string(), clientId: z.uuid().nullable(), citizenName: z.string(),
  onBehalfOf: z.object({ name: z.string(), birthDate: z.string().nullable().optional(), relation: z.string() }).nullable(), question: z.string(),
  lifeDomains: z.array(z.string()), contactPreference: z.string(), contactValue: z.string().nullable(), deskName: z.string() });
export type PortalQuestion = z.infer<typeof PortalQuestion>;
