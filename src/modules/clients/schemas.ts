import { ConsentPurpose } from './consent-purpose.ts';
import { z } from 'zod';
import { normalisePostcode } from '../org/postcode.ts';
import { isValidBsn } from './bsn.ts';
import { apiMessage, checkBirthDate, EARLIEST_BIRTH_DATE, isValidPhone, ruleMessages, todayInNl } from './field-rules.ts';

export { EARLIEST_BIRTH_DATE };

export const Gender = z.enum(['0', '1', '2', '9']).describe('iWmo geslacht: 0 onbekend, 1 man, 2 vrouw, 9 niet gespecificeerd');
/** BRP aanduiding naamgebruik: E eigen, P partner, V partner + eigen, N eigen + partner. */
export const NameUsageSchema = z.enum(['E', 'P', 'V', 'N']);
export const CommunicationNeed = z.enum(['interpreter', 'easy_read', 'lvb_signal', 'sign_language', 'other'])
  .describe('tolk, eenvoudige taal, signaal licht verstandelijke beperking, gebarentaal, anders');

export const Bsn = z.string().trim().refine(isValidBsn, apiMessage(ruleMessages.bsn));
export const Postcode = z.string().trim().refine((v) => normalisePostcode(v) !== null, apiMessage(ruleMessages.postcode));
// The Dutch date: between 23:00 and 24:00 UTC (22:00 in summer) it is already tomorrow in the Netherlands.
export const PastDate = z.iso.date().refine((d) => d <= todayInNl(), 'datum ligt in de toekomst / date is in the future');
/** A birth date: a real calendar date, not in the future and not before 1900 (field-rules.ts, shared with the browser). */
export const BirthDate = z.string().superRefine((d, ctx) => {
  const problem = checkBirthDate(d, todayInNl());
  if (problem) ctx.addIssue({ code: 'custom', message: apiMessage(problem) });
});
/** A phone number as field-rules.ts accepts it (shared with the browser). */
export const Phone = z.string().trim().max(40).refine((v) => v === '' || isValidPhone(v), apiMessage(ruleMessages.phone));
const text = (max: number) => z.string().trim().max(max);

export const Address = z.object({
  postcode: Postcode,
  houseNumber: z.number().int().min(1).max(99999),
  houseNumberAddition: text(10).nullable().optional(),
  street: text(200).nullable().optional(),
  city: text(100).nullable().optional(),
});
export type Address = z.infer<typeof Address>;

export const PersonKind = z.enum(['representative', 'informal_carer', 'household_member']);
export const RelatedPerson = z.object({
  kind: PersonKind,
  /** representative: curator | mentor | bewindvoerder | parent_with_authority; household_member: partner | child | other. */
  role: text(60).nullable().optional(),
  name: text(200).min(1, 'naam is verplicht / name is required'),
  birthDate: BirthDate.nullable().optional(),
  phone: Phone.nullable().optional(),
  email: z.email().nullable().optional(),
  relatedClientId: z.uuid().nullable().optional(),
});
export type RelatedPerson = z.infer<typeof RelatedPerson>;

const ClientFields = z.object({
  bsn: Bsn.nullable().optional(),
  firstNames: text(200).nullable().optional(),
  surnamePrefix: text(20).nullable().optional(),
  surname: text(200).min(1, 'achternaam is verplicht / surname is required'),
  nameUsage: NameUsageSchema.default('E'),
  partnerSurnamePrefix: text(20).nullable().optional(),
  partnerSurname: text(200).nullable().optional(),
  birthDate: BirthDate.nullable().optional(),
  gender: Gender.default('0'),
  address: Address.nullable().optional(),
  /** Zonder vaste woon- of verblijfplaats: reachable through contactPoint instead. */
  noFixedAddress: z.boolean().default(false),
  contactPoint: text(300).nullable().optional(),
  phone: Phone.nullable().optional(),
  email: z.email('e-mailadres is ongeldig / e-mail address is invalid').nullable().optional(),
  preferredLanguage: text(40).nullable().optional(),
  communicationNeeds: z.array(CommunicationNeed).max(5).default([]),
  persons: z.array(RelatedPerson).max(30).default([]),
});

const addressRule = (c: { noFixedAddress?: boolean; address?: unknown }) => !(c.noFixedAddress && c.address);
const addressRuleMessage = { message: 'kies een adres óf "geen vaste woonplaats" / give an address or "no fixed address", not both', path: ['address'] };

export const ClientInput = ClientFields.refine(addressRule, addressRuleMessage);
export type ClientInput = z.infer<typeof ClientInput>;

/** PUT of the record: `persons` left out keeps them as they are (they have their own routes); given, it replaces them. */
export const ClientUpdate = ClientFields.extend({ persons: z.array(RelatedPerson).max(30).optional() }).refine(addressRule, addressRuleMessage);
export type ClientUpdate = z.infer<typeof ClientUpdate>;

export const ClientCreate = ClientFields.extend({
  teamId: z.uuid().nullable().optional().describe('The desk or team registering; default: your first team'),
  duplicateAcknowledged: z.boolean().default(false).describe('true: register although a probable duplicate was shown'),
}).refine(addressRule, addressRuleMessage);

export const ClientView = z.object({
  id: z.uuid(),
  bsnMasked: z.string().nullable(),
  firstNames: z.string().nullable(),
  surnamePrefix: z.string().nullable(),
  surname: z.string(),
  nameUsage: NameUsageSchema,
  partnerSurnamePrefix: z.string().nullable(),
  partnerSurname: z.string().nullable(),
  displayName: z.string(),
  birthDate: z.string().nullable(),
  gender: Gender,
  address: z.object({ postcode: z.string(), houseNumber: z.number(), houseNumberAddition: z.string().nullable(), street: z.string().nullable(), city: z.string().nullable() }).nullable(),
  noFixedAddress: z.boolean(),
  contactPoint: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  communicationNeeds: z.array(z.string()),
  persons: z.array(RelatedPerson.extend({ id: z.uuid(), role: z.string().nullable(), birthDate: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), relatedClientId: z.string().nullable() })),
  safetySignal: z.boolean(),
  mergedInto: z.uuid().nullable(),
  /** The neighbourhood team the postcode points to (postcode → district → team). */
  proposedTeam: z.object({ id: z.uuid(), name: z.string(), districtName: z.string() }).nullable(),
  /** Bumped by every change of the record; send it back in If-Match (docs/architecture.md "Versions and If-Match"). */
  version: z.number().int(),
});
export type ClientView = z.infer<typeof ClientView>;

/** A search hit. `full`: you may open the record. `exists`: someone else is involved; register a contact to become involved. */
export const ClientHit = z.object({
  id: z.uuid(),
  visibility: z.enum(['full', 'exists']),
  displayName: z.string(),
  birthDate: z.string().nullable().describe('full: the date; exists: only the year, as YYYY'),
  bsnMasked: z.string().nullable(),
  address: z.string().nullable(),
  registeredAt: z.array(z.string()).describe('desks and teams involved'),
});
export type ClientHit = z.infer<typeof ClientHit>;

export const ClientSearch = z.object({
  bsn: Bsn.optional(),
  name: z.string().trim().min(2).max(200).optional().describe('surname, with or without prefix ("van der Berg")'),
  firstName: z.string().trim().min(1).max(100).optional(),
  birthDate: z.iso.date().optional(),
  postcode: Postcode.optional(),
  houseNumber: z.number().int().min(1).max(99999).optional(),
}).refine((s) => s.bsn || s.name || s.birthDate || s.postcode, { message: 'geef een BSN, naam, geboortedatum of postcode / give a BSN, name, birth date or postcode', path: ['name'] });
export type ClientSearch = z.infer<typeof ClientSearch>;

export const ConsentInput = z.object({
  purpose: z.enum(Object.values(ConsentPurpose) as [ConsentPurpose, ...ConsentPurpose[]]),
  recipient: z.string().trim().min(2).max(200).describe('who may receive the data, e.g. "huisarts (AGB 01234567)" or a provider'),
  givenOn: PastDate,
  givenHow: z.enum(['verbal', 'written', 'digital']),
});
export type ConsentInput = z.infer<typeof ConsentInput>;
export const ConsentWithdrawal = z.object({ withdrawnOn: PastDate, withdrawnHow: z.enum(['verbal', 'written', 'digital']) });
export const ConsentView = ConsentInput.extend({
  id: z.uuid(), givenOn: z.string(), withdrawnOn: z.string().nullable(), withdrawnHow: z.string().nullable(), active: z.boolean(),
});
export type ConsentView = z.infer<typeof ConsentView>;

export const MergeView = z.object({ id: z.uuid(), survivingClientId: z.uuid(), mergedClientId: z.uuid(), mergedAt: z.string(), undoableUntil: z.string(), undoneAt: z.string().nullable() });
export type MergeView = z.infer<typeof MergeView>;
/** A merge into this record as the record page lists it (undoable for 30 days). */
export const MergeListItem = MergeView.extend({ mergedClientName: z.string(), mergedClientBirthDate: z.string().nullable(), undoable: z.boolean() });
export type MergeListItem = z.infer<typeof MergeListItem>;

/**
 * Housing situation (woonsituatie) as a professional records it, dated (issue 19): the council asks
 * about target groups such as bankslapers (`sofa_surfing`: no home of their own, sleeping on others' sofas).
 */
export const HOUSING_SITUATIONS = ['own_home', 'sofa_surfing', 'rough_sleeping', 'shelter', 'institution', 'other'] as const;
export type HousingSituationCode = (typeof HOUSING_SITUATIONS)[number];
export const HousingSituationInput = z.object({
  situation: z.enum(HOUSING_SITUATIONS),
  since: PastDate.describe('the first day the client lived like this, as far as known'),
  teamId: z.uuid().optional().describe('the desk or team recording it (one of yours); default your first'),
});
export type HousingSituationInput = z.infer<typeof HousingSituationInput>;
export const HousingSituationView = z.object({ id: z.uuid(), situation: z.enum(HOUSING_SITUATIONS), since: z.iso.date(), teamId: z.uuid().nullable(),
  recordedBy: z.string().nullable(), recordedAt: z.string() });
export type HousingSituationView = z.infer<typeof HousingSituationView>;
