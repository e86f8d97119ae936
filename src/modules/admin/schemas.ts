/** Response shapes of the staff-user API. Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';

export const User = z.object({
  id: z.uuid(), username: z.string(), displayName: z.string(), email: z.string().nullable(), active: z.boolean(),
  roles: z.array(z.string()), teamIds: z.array(z.uuid()), totpEnabled: z.boolean(), locked: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Send it back in If-Match when changing the user (docs/architecture.md "Versions and If-Match"). */
  version: z.number().int(),
});
export type User = z.infer<typeof User>;
