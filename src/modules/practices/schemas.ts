/** Response shapes of the GP-practice admin API. Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';

export const Practice = z.object({ id: z.uuid(), name: z.string(), agbCode: z.string(), active: z.boolean(), createdAt: z.date(),
  /** Send it back in If-Match when changing the practice (docs/architecture.md "Versions and If-Match"). */
  version: z.number().int() });
export type Practice = z.infer<typeof Practice>;

export const ApiClient = z.object({
  id: z.uuid(), practiceId: z.uuid().nullable(), providerId: z.uuid().nullable().describe('A care provider\'s API client (iWmo hub) instead of a practice\'s'), clientId: z.string(), name: z.string(), scopes: z.array(z.string()),
  createdAt: z.date(), secretRotatedAt: z.date(), revokedAt: z.date().nullable(),
});
export type ApiClient = z.infer<typeof ApiClient>;

export const ApiClientWithSecret = ApiClient.extend({ clientSecret: z.string().describe('Shown once; store it in the practice system now') });
export type ApiClientWithSecret = z.infer<typeof ApiClientWithSecret>;
