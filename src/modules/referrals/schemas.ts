/** Response shapes of the referral API (team inbox). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';
import { PartnerKind } from '../network/schemas.ts';

/**
 * What a referrer outside the municipality (a GP) sent about the person, kept on the referral: it
 * goes into the client record only when a team member takes it over (docs/fhir.md).
 */
export const SentData = z.object({
  patient: z.object({ name: z.string(), birthDate: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  representative: z.object({ name: z.string(), role: z.string(), phone: z.string().nullable(), birthDate: z.string().nullable() }).nullable(),
  consent: z.object({ purpose: z.string(), recipient: z.string(), givenOn: z.string() }).nullable(),
});
export type SentData = z.infer<typeof SentData>;

/** registered: the record was created from the referral; matched: BSN, surname and birth date agree; mismatch: the team reviews it. */
export const ReferralIdentity = z.enum(['registered', 'matched', 'mismatch']);
export type ReferralIdentity = z.infer<typeof ReferralIdentity>;

export const ReferralView = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), clientBirthDate: z.string().nullable(),
  teamId: z.uuid(), teamName: z.string(), proposedTeamId: z.uuid().nullable(), teamOverrideReason: z.string().nullable(),
  source: z.enum(['desk', 'gp', 'partner', 'citizen']),
  referrer: z.object({ name: z.string().nullable(), organisation: z.string().nullable(), agbCode: z.string().nullable(), teamName: z.string().nullable(),
    partner: z.object({ id: z.uuid(), kind: PartnerKind, name: z.string() }).nullable().describe('the network partner on whose behalf it was recorded (src/modules/network)') }),
  reason: z.string(), lifeDomains: z.array(z.string()), urgency: z.string(),
  safetySignals: z.array(z.string()).nullable().describe('safety signals from the referrer; null: not asked'),
  contactRoute: z.string().nullable().describe("the client's preferred route for the first contact"),
  status: z.enum(['open', 'accepted', 'returned', 'in_progress', 'closed']),
  assignedUserId: z.uuid().nullable(), assignedUserName: z.string().nullable(),
  externalId: z.string().nullable(), contactId: z.uuid().nullable(), createdAt: z.string(),
  allowedNext: z.array(z.string()).describe('commands allowed now; with a trajectory, start and close come from it and are left out'),
  trajectoryId: z.uuid().nullable().describe('the trajectory the referral started (/api/v1/trajectories/{id}); null: none'),
  identity: ReferralIdentity.nullable().describe('how the person the referrer named was matched to the record; null: not asked (own referrals)'),
  sentData: SentData.extend({ takenOverAt: z.string().nullable() }).nullable().describe('what the referrer sent about the person, not (yet) in the record'),
  review: z.object({
    kind: z.literal('identity_mismatch'),
    sent: z.object({ name: z.string(), birthDate: z.string() }),
    record: z.object({ name: z.string(), birthDate: z.string().nullable() }),
  }).nullable().describe('what the team must check before relying on the referral: the name or birth date sent differs from the record'),
  actions: z.array(z.object({ type: z.string(), at: z.string(), actorTeam: z.string().nullable(), assignedUserName: z.string().nullable(), reason: z.string().nullable(), outcome: z.string().nullable() })).optional(),
});
export type ReferralView = z.infer<typeof ReferralView>;

/** A professional of a team, to assign a referral to. */
export const TeamProfessional = z.object({ id: z.uuid(), displayName: z.string() });
export type TeamProfessional = z.infer<typeof TeamProfessional>;
