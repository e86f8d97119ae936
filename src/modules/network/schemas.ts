/** Shapes of the network API (partners per district, their agreements, a partner's referral). Pure (zod only): the UI imports its types from here. */
import { z } from 'zod';
import { Phone } from '../clients/schemas.ts';
import { URGENCIES } from '../intake/life-domains.ts';

/**
 * Kinds of network partner (netwerkpartner, DOMAIN §3.3): huisartsenpraktijk, school, Centrum voor
 * Jeugd en Gezin, Werk & Inkomen, Kredietbank Rotterdam (schuldhulp), welzijn, Huis van de Wijk,
 * zorgaanbieder, vrijwilligersorganisatie. A gp_practice is a row of gp_practices (src/modules/practices).
 */
export const PARTNER_KINDS = ['gp_practice', 'school', 'cjg', 'work_income', 'kbr', 'welfare', 'community_centre', 'provider', 'volunteers'] as const;
export const PartnerKind = z.enum(PARTNER_KINDS);
export type PartnerKind = z.infer<typeof PartnerKind>;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional().transform((v) => (v ? v : null));
const optionalEmail = z.union([z.literal(''), z.email('e-mailadres is ongeldig / e-mail address is invalid')]).nullable().optional().transform((v) => (v ? v : null));
const optionalPhone = Phone.nullable().optional().transform((v) => (v ? v : null));

/** A samenwerkingsafspraak (convenant): what was agreed, with whom, valid from (and to) a date. */
export const Agreement = z.object({
  id: z.uuid(), partnerId: z.uuid(), subject: z.string(),
  contactName: z.string().nullable(), contactPhone: z.string().nullable(), contactEmail: z.string().nullable(),
  validFrom: z.string(), validTo: z.string().nullable(),
  current: z.boolean().describe('valid today (Dutch date)'),
  version: z.number().int(),
});
export type Agreement = z.infer<typeof Agreement>;

export const NetworkPartner = z.object({
  id: z.uuid(), kind: PartnerKind,
  name: z.string().describe("for a GP practice: the practice's name from the practices register"),
  practiceId: z.uuid().nullable(), agbCode: z.string().nullable(),
  contactName: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(),
  active: z.boolean(),
  districts: z.array(z.object({ id: z.uuid(), name: z.string() })).describe('empty: the whole city'),
  agreements: z.array(Agreement),
  version: z.number().int(),
});
export type NetworkPartner = z.infer<typeof NetworkPartner>;

const PartnerFields = {
  districtIds: z.array(z.uuid()).max(100).default([]),
  contactName: optionalText(200),
  phone: optionalPhone,
  email: optionalEmail,
};

/** A new partner: a GP practice by its practiceId (name and AGB code stay in the practices register), any other kind by name. */
export const PartnerCreate = z.object({
  kind: PartnerKind,
  name: optionalText(200),
  practiceId: z.uuid().nullable().optional(),
  ...PartnerFields,
});
export type PartnerCreate = z.infer<typeof PartnerCreate>;

/** The whole partner as the form shows it (PUT, If-Match). The kind does not change; a GP practice's name is changed in the practices register. */
export const PartnerUpdate = z.object({ name: optionalText(200), active: z.boolean().default(true), ...PartnerFields });
export type PartnerUpdate = z.infer<typeof PartnerUpdate>;

export const AgreementInput = z.object({
  subject: text(2000).min(2, 'beschrijf wat is afgesproken / describe what was agreed'),
  contactName: optionalText(200),
  contactPhone: optionalPhone,
  contactEmail: optionalEmail,
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable().optional().transform((v) => v ?? null),
});
export type AgreementInput = z.infer<typeof AgreementInput>;

/** A referral recorded by a desk or team member on behalf of a partner (the school phoned). */
export const PartnerReferralInput = z.object({
  partnerId: z.uuid(),
  clientId: z.uuid(),
  referrerName: optionalText(200).describe('who at the partner referred'),
  reason: text(2000).min(2, 'geef de reden van de verwijzing / give the reason for the referral'),
  lifeDomains: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  urgency: z.enum(URGENCIES).default('normal'),
  teamId: z.uuid().nullable().optional().describe("another neighbourhood team than the postcode's (with teamOverrideReason)"),
  teamOverrideReason: optionalText(500),
});
export type PartnerReferralInput = z.infer<typeof PartnerReferralInput>;

/** A GP practice that is not yet in the network, to add as a partner. */
export const UnlinkedPractice = z.object({ id: z.uuid(), name: z.string(), agbCode: z.string() });
export type UnlinkedPractice = z.infer<typeof UnlinkedPractice>;
