import { ageOn } from '../clients/age.ts';
import { isValidBsn } from '../clients/bsn.ts';
import { amsterdamDate } from '../legal-terms/legal-terms.ts';
import { normalisePostcode } from '../org/postcode.ts';
import type { Urgency } from '../intake/life-domains.ts';
import {
  ContactRouteSystem, Extension, hasCode, LifeDomainSystem, NamingSystem, ReferralCategory, ReferralCategorySystem, SafetySignalSystem, systemUrl,
  urgencyOfPriority,
} from './code-systems.ts';
import type { FhirIssue } from './operation-outcome.ts';

/**
 * The Wegwijs GP referral profile (verkort aanmeldformulier, DOMAIN §3.5; docs/fhir.md): reads a
 * ServiceRequest with contained resources, or a transaction Bundle, that already passed the
 * FHIR R4 schema, and either returns the referral Wegwijs stores or every rule it breaks,
 * each with the FHIRPath of the element. Pure: no I/O.
 */

/** WGBO (BW 7:450): from 16 a young person consents alone; below that a parent or guardian is needed. [?] keep in line with policy. */
export const REPRESENTATIVE_REQUIRED_BELOW_AGE = 16;

// biome-ignore lint/suspicious/noExplicitAny: FHIR JSON after schema validation; every field read is checked here.
type Json = any;
type Located = { resource: Json; path: string; fullUrl?: string; container?: Located };

export type GpReferral = {
  identifier: { system: string; value: string };
  ifNoneExist?: string;
  authoredOn: string | null;
  urgency: Urgency;
  reason: string;
  lifeDomains: string[];
  patient: {
    bsn: string; firstNames: string | null; surnamePrefix: string | null; surname: string; birthDate: string;
    gender: '0' | '1' | '2' | '9'; postcode: string; houseNumber: number; houseNumberAddition: string | null;
    street: string | null; city: string | null; phone: string | null; email: string | null;
  };
  referrer: { name: string; agbCode: string; organisationName: string | null; organisationAgbCode: string | null };
  consent: { givenOn: string };
  representative: { name: string; role: string; phone: string | null; birthDate: string | null } | null;
  safetySignals: string[];
  contactRoute: string | null;
  /** A direct referral to youth care (category `jeugdhulp`, Jeugdwet art. 2.6 lid 1 onder d): the youth route, not the wijkteam. */
  youth: boolean;
};

export type ParseResult = { ok: true; referral: GpReferral } | { ok: false; status: 400 | 422; issues: FhirIssue[] };

const GENDER: Record<string, '0' | '1' | '2' | '9'> = { male: '1', female: '2', other: '9', unknown: '0' };
/** v3 RoleCode relationships that give parental authority or guardianship. */
const REPRESENTATIVE_ROLE: Record<string, string> = { MTH: 'parent_with_authority', FTH: 'parent_with_authority', PRN: 'parent_with_authority', GUARD: 'guardian', GUADLTM: 'curator', POWATT: 'mentor' };

const text = (v: unknown, max = 4000) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null);

/** Names the identifier systems that were sent, so a wrong system is easy to spot. */
const systemsFound = (ids: Json[] | undefined) => {
  const systems = (ids ?? []).map((i) => i.system).filter((x) => typeof x === 'string');
  return systems.length ? ` (gevonden / found: ${systems.join(', ')})` : '';
};

const isRealDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
/**
 * A full, existing date, optionally with a time: FHIR also allows '2026' or '2026-02', and its
 * schema lets '2026-02-30' through, but Wegwijs stores a real date. The time part's format is
 * already checked by the FHIR schema.
 */
const isRealDateTime = (s: string) => isRealDate(s.slice(0, 10)) && (s.length === 10 || s[10] === 'T') && !Number.isNaN(Date.parse(s));
/** The sender's clock may run a few minutes ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Finds the resources of the submission and how they reference each other. */
function collect(body: Json): { sr: Located; all: Located[]; ifNoneExist?: string } | FhirIssue[] {
  if (body.resourceType === 'ServiceRequest') {
    const sr: Located = { resource: body, path: 'ServiceRequest' };
    const all = (body.contained ?? []).map((r: Json, i: number): Located => ({ resource: r, path: `ServiceRequest.contained[${i}]`, container: sr }));
    return { sr, all: [sr, ...all] };
  }
  if (body.resourceType !== 'Bundle') return [{ code: 'not-supported', expression: 'resourceType', diagnostics: 'Stuur een ServiceRequest of een transaction-Bundle / Send a ServiceRequest or a transaction Bundle' }];
  if (body.type !== 'transaction') return [{ code: 'value', expression: 'Bundle.type', diagnostics: "Bundle.type moet 'transaction' zijn / must be 'transaction'" }];
  const all: Located[] = (body.entry ?? []).map((e: Json, i: number): Located => ({ resource: e.resource, path: `Bundle.entry[${i}].resource`, fullUrl: e.fullUrl }));
  const srs = all.filter((l) => l.resource?.resourceType === 'ServiceRequest');
  if (srs.length !== 1) return [{ code: 'invariant', expression: 'Bundle.entry', diagnostics: `Precies één ServiceRequest verwacht, gevonden: ${srs.length} / Exactly one ServiceRequest expected` }];
  const i = all.indexOf(srs[0]!);
  const request = body.entry[i].request ?? {};
  if (request.method && request.method !== 'POST') return [{ code: 'not-supported', expression: `Bundle.entry[${i}].request.method`, diagnostics: 'De ServiceRequest wordt aangemaakt met POST / The ServiceRequest is created with POST' }];
  const nestedContained = all.flatMap((l) => (l.resource?.contained ?? []).map((r: Json, j: number): Located => ({ resource: r, path: `${l.path}.contained[${j}]`, container: l })));
  return { sr: srs[0]!, all: [...all, ...nestedContained], ifNoneExist: text(request.ifNoneExist) ?? undefined };
}

/** Resolves a Reference from `from`: '#id' (contained), 'urn:uuid:…' / full URL (Bundle fullUrl), or 'Type/id'. */
function resolve(all: Located[], from: Located, ref: Json): Located | null {
  const r = typeof ref?.reference === 'string' ? ref.reference : null;
  if (!r) return null;
  if (r.startsWith('#')) {
    const container = from.container ?? from;
    return all.find((l) => l.container === container && l.resource?.id === r.slice(1)) ?? null;
  }
  return all.find((l) => l.fullUrl === r)
    ?? all.find((l) => !l.container && l.resource?.id && `${l.resource.resourceType}/${l.resource.id}` === r)
    ?? all.find((l) => !l.container && l.fullUrl && l.fullUrl.endsWith(`/${r}`)) ?? null;
}

const ofType = (l: Located | null, ...types: string[]) => (l && types.includes(l.resource?.resourceType) ? l : null);

function humanName(names: Json[] | undefined): { firstNames: string | null; surnamePrefix: string | null; surname: string | null; full: string | null } {
  const n = (names ?? []).find((x) => x.use === 'official') ?? names?.[0];
  if (!n) return { firstNames: null, surnamePrefix: null, surname: null, full: null };
  const ext = (url: string) => n._family?.extension?.find((e: Json) => e.url === url)?.valueString as string | undefined;
  const ownName = text(ext(Extension.OwnName));
  const given = Array.isArray(n.given) ? n.given.filter((g: unknown) => typeof g === 'string').join(' ') : null;
  const surname = ownName ?? text(n.family);
  return { firstNames: text(given), surnamePrefix: ownName ? text(ext(Extension.OwnPrefix)) : null, surname, full: text(n.text) ?? text([given, n.family].filter(Boolean).join(' ')) };
}

/** Dutch address: ADXP extensions on line[0] when present, else '<street> <number><addition>'. */
function houseAddress(line: string | null, lineExt: Json[] | undefined): { street: string | null; houseNumber: number | null; addition: string | null } {
  const ext = (url: string) => lineExt?.find((e: Json) => e.url === url)?.valueString as string | undefined;
  const number = ext(Extension.HouseNumber);
  if (number && /^\d{1,5}$/.test(number)) return { street: text(ext(Extension.StreetName)), houseNumber: Number(number), addition: text(ext(Extension.HouseNumberSuffix), 10) };
  const m = line ? /^(.*?)\s+(\d{1,5})\s*[-\s]?\s*([A-Za-z0-9]{0,6})$/.exec(line.trim()) : null;
  if (!m) return { street: line, houseNumber: null, addition: null };
  return { street: text(m[1]), houseNumber: Number(m[2]), addition: text(m[3], 10) };
}

export function parseGpReferral(body: Json, now = new Date()): ParseResult {
  const found = collect(body);
  if (Array.isArray(found)) return { ok: false, status: 422, issues: found };
  const { sr, all } = found;
  const s = sr.resource;
  const p = sr.path;
  const issues: FhirIssue[] = [];
  const need = (expression: string, diagnostics: string, code: FhirIssue['code'] = 'required') => issues.push({ code, expression, diagnostics });

  if (s.status !== 'active') need(`${p}.status`, "status moet 'active' zijn / status must be 'active'", 'value');
  if (!['order', 'original-order'].includes(s.intent)) need(`${p}.intent`, "intent moet 'order' zijn / intent must be 'order'", 'value');
  const idIndex = (s.identifier ?? []).findIndex((i: Json) => text(i.system) && text(i.value));
  if (idIndex < 0) need(`${p}.identifier`, 'Een identifier (system + value) van het eigen systeem is verplicht: daarmee is opnieuw sturen veilig / An identifier (system + value) from your system is required; it makes retries safe');
  const authoredOn = text(s.authoredOn);
  if (authoredOn && !isRealDateTime(authoredOn)) need(`${p}.authoredOn`, 'authoredOn moet een volledige, bestaande datum (en tijd) zijn / authoredOn must be a full, real date (and time)', 'value');
  else if (authoredOn && Date.parse(authoredOn) > now.getTime() + CLOCK_SKEW_MS) need(`${p}.authoredOn`, 'authoredOn ligt in de toekomst / authoredOn is in the future', 'value');
  if (!s.priority) need(`${p}.priority`, 'priority (urgentie) is verplicht / priority (urgency) is required');
  // Short form (verkort aanmeldformulier): the reason may come as free text only, from a HIS that knows no Wegwijs codes.
  const texts = [...((s.reasonCode ?? []) as Json[]).map((cc) => text(cc?.text)), ...((s.note ?? []) as Json[]).map((n) => text(n?.text))];
  const reason = text([...new Set(texts.filter((t) => t !== null))].join('\n\n'));
  if (!reason) need(`${p}.note[0].text`, 'De reden van verwijzing en hulpvraag (note.text of reasonCode.text) is verplicht / The reason and question (note.text or reasonCode.text) are required');

  const lifeDomains: string[] = [];
  for (const [i, cc] of ((s.reasonCode ?? []) as Json[]).entries()) {
    for (const [j, c] of ((cc.coding ?? []) as Json[]).entries()) {
      if (c.system !== systemUrl(LifeDomainSystem)) continue;
      if (hasCode(LifeDomainSystem, c.code)) lifeDomains.push(c.code);
      else need(`${p}.reasonCode[${i}].coding[${j}].code`, `Onbekende code '${String(c.code)}' in ${systemUrl(LifeDomainSystem)} / Unknown code`, 'code-invalid');
    }
  }
  // Life-domain codes are optional: without them the team sets the life domains when it triages the referral.

  // Category (optional): a referral to youth care goes to the youth route (docs/fhir.md).
  let youth = false;
  for (const [i, cc] of ((s.category ?? []) as Json[]).entries()) {
    for (const [j, c] of ((cc.coding ?? []) as Json[]).entries()) {
      if (c.system !== systemUrl(ReferralCategorySystem)) continue;
      if (c.code === ReferralCategory.YouthCare) youth = true;
      else need(`${p}.category[${i}].coding[${j}].code`, `Onbekende code '${String(c.code)}' in ${systemUrl(ReferralCategorySystem)} / Unknown code`, 'code-invalid');
    }
  }

  const safetySignals: string[] = [];
  let contactRoute: string | null = null;
  (s.extension ?? []).forEach((e: Json, i: number) => {
    const coding = e.valueCoding ?? e.valueCodeableConcept?.coding?.[0];
    if (e.url === Extension.SafetySignal) {
      if (coding?.system === systemUrl(SafetySignalSystem) && hasCode(SafetySignalSystem, coding.code)) safetySignals.push(coding.code);
      else need(`${p}.extension[${i}].valueCoding`, `Veiligheidssignaal moet een code uit ${systemUrl(SafetySignalSystem)} zijn / Safety signal must be a code from that system`, 'code-invalid');
    } else if (e.url === Extension.PreferredContactRoute) {
      if (coding?.system === systemUrl(ContactRouteSystem) && hasCode(ContactRouteSystem, coding.code)) contactRoute = coding.code;
      else need(`${p}.extension[${i}].valueCoding`, `Contactroute moet een code uit ${systemUrl(ContactRouteSystem)} zijn / Contact route must be a code from that system`, 'code-invalid');
    }
  });

  // Patient: BSN (elfproef), name, birth date, address (postcode routes the referral), phone.
  const patient = ofType(resolve(all, sr, s.subject), 'Patient');
  let pt: GpReferral['patient'] | null = null;
  if (!patient) need(`${p}.subject`, 'subject moet naar de Patient verwijzen / subject must reference the Patient');
  else {
    const r = patient.resource;
    const q = patient.path;
    const bsnIndex = (r.identifier ?? []).findIndex((i: Json) => i.system === NamingSystem.Bsn);
    const bsn = bsnIndex >= 0 ? text(r.identifier[bsnIndex].value) : null;
    if (bsnIndex < 0) need(`${q}.identifier`, `BSN ontbreekt: identifier met system ${NamingSystem.Bsn} is verplicht / BSN missing: an identifier with system ${NamingSystem.Bsn} is required${systemsFound(r.identifier)}`);
    else if (!bsn || !isValidBsn(bsn)) need(`${q}.identifier[${bsnIndex}].value`, 'BSN is ongeldig (elfproef) / BSN is invalid (eleven test)', 'value');
    const name = humanName(r.name);
    if (!name.surname) need(`${q}.name`, 'Achternaam (name.family) is verplicht / Surname (name.family) is required');
    const birthDate = text(r.birthDate);
    if (!birthDate) need(`${q}.birthDate`, 'Geboortedatum is verplicht / Birth date is required');
    else if (!isRealDate(birthDate)) need(`${q}.birthDate`, 'Geboortedatum moet een volledige, bestaande datum zijn (JJJJ-MM-DD) / Birth date must be a full, real date (YYYY-MM-DD)', 'value');
    else if (birthDate > now.toISOString().slice(0, 10)) need(`${q}.birthDate`, 'Geboortedatum ligt in de toekomst / Birth date is in the future', 'value');
    const addresses: Json[] = r.address ?? [];
    const ai = Math.max(0, addresses.findIndex((a) => a.use === 'home'));
    const a = addresses[ai];
    const postcode = a ? normalisePostcode(String(a.postalCode ?? '')) : null;
    const house = houseAddress(text(a?.line?.[0]), a?._line?.[0]?.extension);
    if (!a) need(`${q}.address`, 'Woonadres is verplicht: de postcode bepaalt het wijkteam / Home address is required: the postcode decides the team');
    else if (!postcode) need(`${q}.address[${ai}].postalCode`, 'Geldige Nederlandse postcode verplicht (1234 AB) / A valid Dutch postcode is required', a.postalCode ? 'value' : 'required');
    else if (!house.houseNumber) need(`${q}.address[${ai}].line`, 'Huisnummer ontbreekt in address.line / House number missing in address.line');
    const telecom: Json[] = r.telecom ?? [];
    if (bsn && name.surname && birthDate && postcode && house.houseNumber) {
      pt = {
        bsn, firstNames: name.firstNames, surnamePrefix: name.surnamePrefix, surname: name.surname, birthDate,
        gender: GENDER[r.gender] ?? '0', postcode, houseNumber: house.houseNumber, houseNumberAddition: house.addition,
        street: house.street, city: text(a.city, 100),
        phone: text(telecom.find((t) => t.system === 'phone')?.value, 40), email: text(telecom.find((t) => t.system === 'email')?.value, 200),
      };
    }
  }

  // Referrer: the GP (Practitioner, directly or through a PractitionerRole) with AGB; the practice (Organization).
  let requester = ofType(resolve(all, sr, s.requester), 'Practitioner', 'PractitionerRole');
  let organisation: Located | null = null;
  if (requester?.resource.resourceType === 'PractitionerRole') {
    organisation = ofType(resolve(all, requester, requester.resource.organization), 'Organization');
    requester = ofType(resolve(all, requester, requester.resource.practitioner), 'Practitioner');
  }
  let referrer: GpReferral['referrer'] | null = null;
  if (!requester) need(`${p}.requester`, 'requester moet naar de huisarts verwijzen (Practitioner of PractitionerRole) / requester must reference the GP (Practitioner or PractitionerRole)');
  else {
    const r = requester.resource;
    const agbIndex = (r.identifier ?? []).findIndex((i: Json) => i.system === NamingSystem.AgbZ);
    const agb = agbIndex >= 0 ? text(r.identifier[agbIndex].value) : null;
    if (agbIndex < 0) need(`${requester.path}.identifier`, `AGB-code ontbreekt: identifier met system ${NamingSystem.AgbZ} is verplicht / AGB code missing: an identifier with system ${NamingSystem.AgbZ} is required${systemsFound(r.identifier)}`);
    else if (!agb || !/^\d{8}$/.test(agb)) need(`${requester.path}.identifier[${agbIndex}].value`, 'AGB-code is 8 cijfers / AGB code is 8 digits', 'value');
    const name = humanName(r.name);
    if (!name.full) need(`${requester.path}.name`, 'Naam van de verwijzer is verplicht / Name of the referrer is required');
    const orgAgb = organisation ? text(organisation.resource.identifier?.find((i: Json) => i.system === NamingSystem.AgbZ)?.value) : null;
    if (agb && /^\d{8}$/.test(agb) && name.full) {
      referrer = { name: name.full, agbCode: agb, organisationName: organisation ? text(organisation.resource.name, 200) : null, organisationAgbCode: orgAgb };
    }
  }

  // Consent (AVG art. 9 lid 2a): an active Consent of this patient, permitting.
  const consents = all.filter((l) => l.resource?.resourceType === 'Consent');
  const consent = consents[0];
  let givenOn: string | null = null;
  if (!consent) need(p, 'Toestemming van de patiënt (Consent) is verplicht / The patient\'s consent (a Consent resource) is required', 'business-rule');
  else {
    const c = consent.resource;
    if (c.status !== 'active') need(`${consent.path}.status`, "Consent.status moet 'active' zijn / must be 'active'", 'business-rule');
    if (c.provision?.type === 'deny') need(`${consent.path}.provision.type`, 'De patiënt weigert toestemming; een verwijzing kan dan niet / The patient denies consent', 'business-rule');
    if (patient && resolve(all, consent, c.patient) !== patient) need(`${consent.path}.patient`, 'Consent.patient moet naar dezelfde Patient verwijzen / must reference the same Patient', 'invariant');
    const dateTime = text(c.dateTime);
    givenOn = dateTime?.slice(0, 10) ?? null;
    if (!dateTime) need(`${consent.path}.dateTime`, 'Datum van de toestemming (dateTime) is verplicht / The date of consent is required');
    else if (!isRealDateTime(dateTime)) need(`${consent.path}.dateTime`, 'Datum van de toestemming moet een volledige, bestaande datum zijn / The date of consent must be a full, real date', 'value');
    else if (Date.parse(dateTime.length === 10 ? `${dateTime}T00:00:00Z` : dateTime) > now.getTime() + CLOCK_SKEW_MS) {
      need(`${consent.path}.dateTime`, 'Toestemming kan niet in de toekomst gegeven zijn / Consent cannot have been given in the future', 'value');
    }
  }

  // Legal representative (RelatedPerson) for a patient below REPRESENTATIVE_REQUIRED_BELOW_AGE.
  const related = all.find((l) => l.resource?.resourceType === 'RelatedPerson');
  let representative: GpReferral['representative'] = null;
  if (related) {
    const r = related.resource;
    const name = humanName(r.name);
    const code = (r.relationship ?? []).flatMap((cc: Json) => cc.coding ?? []).map((c: Json) => c.code).find((c: string) => REPRESENTATIVE_ROLE[c]);
    const birthDate = text(r.birthDate);
    if (birthDate && (!isRealDate(birthDate) || birthDate > now.toISOString().slice(0, 10))) {
      need(`${related.path}.birthDate`, 'Geboortedatum moet een volledige, bestaande datum zijn, niet in de toekomst / Birth date must be a full, real date, not in the future', 'value');
    }
    if (!name.full) need(`${related.path}.name`, 'Naam van de vertegenwoordiger is verplicht / Name of the representative is required');
    else representative = { name: name.full, role: code ? REPRESENTATIVE_ROLE[code]! : 'representative', phone: text((r.telecom ?? []).find((t: Json) => t.system === 'phone')?.value, 40), birthDate };
  } else if (pt && ageOn(pt.birthDate, amsterdamDate(now))! < REPRESENTATIVE_REQUIRED_BELOW_AGE) {
    need(p, `Patiënt is jonger dan ${REPRESENTATIVE_REQUIRED_BELOW_AGE}: een wettelijk vertegenwoordiger (RelatedPerson) is verplicht / Patient is under ${REPRESENTATIVE_REQUIRED_BELOW_AGE}: a legal representative (RelatedPerson) is required`, 'business-rule');
  }

  if (issues.length > 0 || !pt || !referrer || !reason || !givenOn || idIndex < 0) {
    return { ok: false, status: 422, issues: issues.length ? issues : [{ code: 'processing', diagnostics: 'Onvolledige verwijzing / Incomplete referral' }] };
  }
  const id = s.identifier[idIndex];
  return {
    ok: true,
    referral: {
      identifier: { system: id.system.trim(), value: id.value.trim() }, ifNoneExist: found.ifNoneExist,
      authoredOn, urgency: urgencyOfPriority[s.priority] ?? 'normal', reason, lifeDomains: [...new Set(lifeDomains)],
      patient: pt, referrer, consent: { givenOn }, representative, safetySignals: [...new Set(safetySignals)], contactRoute, youth,
    },
  };
}

/** Lower case, without diacritics, spaces, hyphens or apostrophes: 'De Vries-Özdemir' and 'de vries ozdemir' compare equal. */
const nameKey = (s: string | null | undefined) => (s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

/**
 * Does the patient the GP describes match the record the BSN found (issue 14 item 6)? Birth date
 * equal, and surname equal with or without its prefix ('de Vries' sent as one family name matches
 * prefix 'de' + 'Vries'). First names are not compared: a HIS often sends initials or a call name.
 */
export function matchesRecord(sent: { surnamePrefix: string | null; surname: string; birthDate: string },
  record: { surnamePrefix: string | null; surname: string; birthDate: string | null }): boolean {
  if (sent.birthDate !== record.birthDate) return false;
  const forms = (p: string | null, s: string) => new Set([nameKey(s), nameKey(`${p ?? ''}${s}`)]);
  const recordForms = forms(record.surnamePrefix, record.surname);
  return [...forms(sent.surnamePrefix, sent.surname)].some((f) => f && recordForms.has(f));
}
