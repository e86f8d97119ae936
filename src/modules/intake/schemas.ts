import { z } from 'zod';
import { Address, ClientInput, ClientView, ConsentView, MergeListItem } from '../clients/schemas.ts';
import { CHANNELS } from './contact-outcome.ts';
import { URGENCIES } from './life-domains.ts';

/** How far a desk's clock may run ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** A life domain's code: what contacts, referrals and the figures store; the labels are configuration (life_domains). */
export const LifeDomainCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'code: kleine letters, cijfers en _ / code: lower-case letters, digits and _');
export const LifeDomainView = z.object({ code: z.string(), labelNl: z.string(), labelEn: z.string(), position: z.number(), active: z.boolean() });
export type LifeDomainView = z.infer<typeof LifeDomainView>;
export const LifeDomainInput = z.object({
  code: LifeDomainCode, labelNl: z.string().trim().min(1).max(100), labelEn: z.string().trim().min(1).max(100),
  position: z.number().int().min(0).max(100000).optional(),
});
export type LifeDomainInput = z.infer<typeof LifeDomainInput>;
export const LifeDomainChange = z.object({
  labelNl: z.string().trim().min(1).max(100).optional(), labelEn: z.string().trim().min(1).max(100).optional(),
  position: z.number().int().min(0).max(100000).optional(), active: z.boolean().optional(),
});
export type LifeDomainChange = z.infer<typeof LifeDomainChange>;

export const ContactInput = z.object({
  /** An existing client; or `newClient` to register them in the same step; neither: anonymous (advice only). */
  clientId: z.uuid().nullable().optional(),
  newClient: ClientInput.nullable().optional(),
  duplicateAcknowledged: z.boolean().default(false),
  channel: z.enum(CHANNELS),
  teamId: z.uuid().nullable().optional().describe('The desk or team registering; default: your first team'),
  question: z.string().trim().min(3, 'beschrijf de vraag in de woorden van de cliënt / describe the question in the client\'s words').max(5000),
  lifeDomains: z.array(LifeDomainCode).max(20).default([]).describe('codes of the configured life domains (GET /api/v1/life-domains)'),
  urgency: z.enum(URGENCIES).default('normal'),
  outcome: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)])
    .describe('1 advice, 2 neighbourhood team, 3 Wmo notification, 4 youth care, 5 city desk, 6 safety signal'),
  /** Outcome 1: the algemene voorziening pointed to (welzijn, Huis van de Wijk, schuldhulp-inloop). */
  generalProvision: z.string().trim().max(200).nullable().optional(),
  note: z.string().trim().max(5000).nullable().optional(),
  /** When the contact took place; not in the future (a few minutes of clock skew allowed). The earliest date is configuration (WEGWIJS_RECORDS_FROM). */
  contactedAt: z.iso.datetime({ offset: true })
    .refine((d) => Date.parse(d) <= Date.now() + CLOCK_SKEW_MS, 'het contact ligt in de toekomst / the contact is in the future').optional(),
  /** Outcome 2: the team, when not the one the postcode proposes, and why. */
  referral: z.object({ teamId: z.uuid().nullable().optional(), teamOverrideReason: z.string().trim().max(1000).nullable().optional() }).optional(),
  /**
   * Outcome 3: who reported the melding (Wmo 2015 art. 2.3.2) and under which law (default wmo); the date is the contact's date.
   * Outcome 4 (youth care): with `law: 'jeugdwet'` the desk also records a Jeugdwet melding in the CJG's inbox, next to the referral.
   */
  notification: z.object({ reportedBy: z.enum(['client', 'representative', 'informal_carer', 'other']).default('client'),
    law: z.enum(['wmo', 'jeugdwet']).default('wmo') }).optional(),
  /** Handling a question that came in through the digital channel. */
  portalRequestId: z.uuid().nullable().optional(),
  /**
   * An existing client's address as the desk heard it, for a record that has none yet (a citizen who
   * asked through the digital channel): saved to the record, so outcome 2 finds the postcode's team.
   * Ignored when the record already has an address.
   */
  clientAddress: Address.nullable().optional(),
});
export type ContactInput = z.infer<typeof ContactInput>;

export const ContactView = z.object({
  id: z.uuid(),
  clientId: z.uuid().nullable(),
  channel: z.enum(CHANNELS),
  teamId: z.uuid(),
  teamName: z.string(),
  question: z.string(),
  lifeDomains: z.array(z.string()),
  urgency: z.string(),
  outcome: z.number().int(),
  generalProvision: z.string().nullable(),
  contactedAt: z.string(),
  referral: z.object({ id: z.uuid(), teamId: z.uuid(), teamName: z.string(), status: z.string() }).nullable(),
  notification: z.object({ id: z.uuid(), law: z.enum(['wmo', 'jeugdwet']), notifiedOn: z.string(),
    assessmentDeadline: z.string().nullable().describe('Null under the Jeugdwet: it has no statutory onderzoek term') }).nullable(),
  safetySignal: z.boolean(),
});
export type ContactView = z.infer<typeof ContactView>;

export const TimelineEntry = z.object({
  type: z.enum(['contact', 'referral', 'notification']),
  id: z.uuid(),
  at: z.string(),
  title: z.string().describe('outcome, referral status or deadline, in short'),
  summary: z.string().nullable(),
  teamName: z.string().nullable().describe('which desk or team'),
  userName: z.string().nullable().describe('who'),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/**
 * Everything the client page shows at once, in one audited read: one look at a client is one
 * audit row (NEN 7513), however many parts the page has.
 */
export const ClientFile = z.object({
  client: ClientView,
  consents: z.array(ConsentView),
  merges: z.array(MergeListItem),
  timeline: z.array(TimelineEntry),
});
export type ClientFile = z.infer<typeof ClientFile>;

/** Contact figures: counts only, never persons. A count is null when it is about fewer than 5 clients ("< 5"); others are rounded to 5 (src/modules/monitor/disclosure.ts). */
const ShownCount = z.number().nullable();
export const ContactFigures = z.object({
  from: z.string(), to: z.string(), total: ShownCount, anonymous: ShownCount,
  /** 'council': the council's three channels, desk and home visit counted as in_person. */
  channels: z.enum(['wegwijs', 'council']),
  disclosure: z.object({ minCell: z.number(), roundTo: z.number() }),
  byChannel: z.array(z.object({ channel: z.string(), count: ShownCount })),
  byDesk: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), count: ShownCount })),
  byOutcome: z.array(z.object({ outcome: z.number(), count: ShownCount })),
});
export type ContactFigures = z.infer<typeof ContactFigures>;

/** A notification to a user (e.g. a safety signal for the team lead). */
export const StaffMessage = z.object({ id: z.uuid(), kind: z.string(), clientId: z.uuid().nullable(), clientName: z.string().nullable(), teamName: z.string().nullable(),
  safetyRecordId: z.uuid().nullable().describe('a safety signal: its sealed safety record'), createdAt: z.string(), read: z.boolean() });
export type StaffMessage = z.infer<typeof StaffMessage>;
export const MessageRead = z.object({ id: z.uuid(), read: z.boolean() });
