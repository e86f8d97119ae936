/** Response shapes of the referral API (team inbox). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';

export const ReferralView = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), clientBirthDate: z.string().nullable(),
  teamId: z.uuid(), teamName: z.string(), proposedTeamId: z.uuid().nullable(), teamOverrideReason: z.string().nullable(),
  source: z.enum(['desk', 'gp', 'partner', 'citizen']),
  referrer: z.object({ name: z.string().nullable(), organisation: z.string().nullable(), agbCode: z.string().nullable(), teamName: z.string().nullable() }),
  reason: z.string(), lifeDomains: z.array(z.string()), urgency: z.string(),
  safetySignals: z.array(z.string()).nullable().describe('safety signals from the referrer; null: not asked'),
  contactRoute: z.string().nullable().describe("the client's preferred route for the first contact"),
  status: z.enum(['open', 'accepted', 'returned', 'in_progress', 'closed']),
  assignedUserId: z.uuid().nullable(), assignedUserName: z.string().nullable(),
  externalId: z.string().nullable(), contactId: z.uuid().nullable(), createdAt: z.string(),
  allowedNext: z.array(z.string()),
  actions: z.array(z.object({ type: z.string(), at: z.string(), actorTeam: z.string().nullable(), assignedUserName: z.string().nullable(), reason: z.string().nullable(), outcome: z.string().nullable() })).optional(),
});
export type ReferralView = z.infer<typeof ReferralView>;

/** A professional of a team, to assign a referral to. */
export const TeamProfessional = z.object({ id: z.uuid(), displayName: z.string() });
export type TeamProfessional = z.infer<typeof TeamProfessional>;
