import { outcomeLabelNl, TRAJECTORY_OUTCOMES, type TrajectoryOutcome } from '../casework/trajectory-process.ts';
import { LIFE_DOMAINS, lifeDomainLabels, type Urgency } from '../intake/life-domains.ts';

/**
 * The identifier systems, code systems and extensions of the Wegwijs GP referral profile
 * (docs/fhir.md). The life domains come from the same constants the intake and the UI use,
 * so the published CodeSystem can never drift from what Wegwijs stores.
 */
export const FHIR_BASE = 'https://wegwijs.nl/fhir';

export const NamingSystem = {
  /** Burgerservicenummer (Nictiz). */
  Bsn: 'http://fhir.nl/fhir/NamingSystem/bsn',
  /** AGB code (Vektis) of a care professional or practice (Nictiz). */
  AgbZ: 'http://fhir.nl/fhir/NamingSystem/agb-z',
} as const;

export const Extension = {
  SafetySignal: `${FHIR_BASE}/StructureDefinition/safety-signal`,
  PreferredContactRoute: `${FHIR_BASE}/StructureDefinition/preferred-contact-route`,
  /** Dutch surname parts (core HL7 extensions, as nl-core uses them). */
  OwnPrefix: 'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix',
  OwnName: 'http://hl7.org/fhir/StructureDefinition/humanname-own-name',
  StreetName: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetName',
  HouseNumber: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber',
  HouseNumberSuffix: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-buildingNumberSuffix',
} as const;

type Concept = { code: string; display: string; definition: string; designation?: { language: string; value: string }[] };
type CodeSystemDef = { id: string; name: string; title: string; description: string; concepts: Concept[] };

export const LifeDomainSystem: CodeSystemDef = {
  id: 'wegwijs-life-domain',
  name: 'WegwijsLifeDomain',
  title: 'Wegwijs leefgebieden (life domains of basishulp)',
  description: 'The nine problem areas of neighbourhood-team basic support (basishulp) in Rotterdam; a referral names one or more.',
  concepts: LIFE_DOMAINS.map((code) => ({
    code, display: lifeDomainLabels[code].nl, definition: lifeDomainLabels[code].en,
    designation: [{ language: 'en', value: lifeDomainLabels[code].en }],
  })),
};

export const SafetySignal = {
  DomesticViolence: 'domestic-violence', ChildAbuse: 'child-abuse', SuicideRisk: 'suicide-risk',
  Aggression: 'aggression', SelfNeglect: 'self-neglect', Other: 'other',
} as const;
export const SafetySignalSystem: CodeSystemDef = {
  id: 'wegwijs-safety-signal',
  name: 'WegwijsSafetySignal',
  title: 'Wegwijs veiligheidssignalen (safety signals)',
  description: 'Signals the referrer wants the team to know before the first contact (meldcode huiselijk geweld en kindermishandeling, risk to self or others).',
  concepts: [
    { code: SafetySignal.DomesticViolence, display: 'Huiselijk geweld', definition: 'Signs of domestic violence' },
    { code: SafetySignal.ChildAbuse, display: 'Kindermishandeling', definition: 'Signs of child abuse or neglect' },
    { code: SafetySignal.SuicideRisk, display: 'Suïciderisico', definition: 'Risk of suicide' },
    { code: SafetySignal.Aggression, display: 'Agressie', definition: 'Risk of aggression towards visitors' },
    { code: SafetySignal.SelfNeglect, display: 'Zelfverwaarlozing', definition: 'Serious self-neglect' },
    { code: SafetySignal.Other, display: 'Anders', definition: 'Another safety concern, described in the text' },
  ],
};

export const ContactRoute = {
  Phone: 'phone', Email: 'email', Letter: 'letter', HomeVisit: 'home-visit', ViaRepresentative: 'via-representative', ViaGp: 'via-gp',
} as const;
export const ContactRouteSystem: CodeSystemDef = {
  id: 'wegwijs-contact-route',
  name: 'WegwijsContactRoute',
  title: 'Wegwijs voorkeur contactroute (preferred contact route)',
  description: 'How the client prefers the team to make the first contact.',
  concepts: [
    { code: ContactRoute.Phone, display: 'Telefonisch', definition: 'Call the client' },
    { code: ContactRoute.Email, display: 'E-mail', definition: 'E-mail the client' },
    { code: ContactRoute.Letter, display: 'Brief', definition: 'Write a letter' },
    { code: ContactRoute.HomeVisit, display: 'Huisbezoek', definition: 'Visit the client at home' },
    { code: ContactRoute.ViaRepresentative, display: 'Via vertegenwoordiger', definition: 'Contact the legal representative' },
    { code: ContactRoute.ViaGp, display: 'Via huisarts', definition: 'Contact the GP first' },
  ],
};

export const ReferralCategory = { YouthCare: 'jeugdhulp' } as const;
/**
 * ServiceRequest.category: what kind of referral. A direct referral to youth care by a GP, youth
 * doctor or medical specialist (Jeugdwet art. 2.6 lid 1 onder d) goes to the youth route (the CJG),
 * not to the postcode's wijkteam. Without a category it is a referral to the wijkteam.
 */
export const ReferralCategorySystem: CodeSystemDef = {
  id: 'wegwijs-referral-category',
  name: 'WegwijsReferralCategory',
  title: 'Wegwijs soort verwijzing (referral category)',
  description: 'The kind of referral; without a category a referral goes to the neighbourhood team of the postcode.',
  concepts: [
    { code: ReferralCategory.YouthCare, display: 'Verwijzing jeugdhulp (Jeugdwet art. 2.6 lid 1 onder d)',
      definition: 'A direct referral to youth care by a GP, youth doctor or medical specialist: it goes to the youth desk (CJG) and is a Jeugdwet application, decided without an assessment',
      designation: [{ language: 'en', value: 'Direct referral to youth care (Youth Act art. 2.6(1)(d))' }] },
  ],
};

const outcomeDefinition: Record<TrajectoryOutcome, string> = {
  goal_reached: 'The goals of the plan were reached', partly_reached: 'Some goals of the plan were reached', not_reached: 'The goals of the plan were not reached',
  referred_second_line: 'Referred on to specialised (2nd-line) care', client_stopped: 'The client stopped the support',
  moved_away: 'The client moved out of the municipality', died: 'The client died',
};
/** Why a trajectory ended, as the GP's Task reports it; the codes and Dutch words the casework module uses. */
export const TrajectoryOutcomeSystem: CodeSystemDef = {
  id: 'wegwijs-trajectory-outcome',
  name: 'WegwijsTrajectoryOutcome',
  title: 'Wegwijs uitkomst traject basishulp (trajectory outcome)',
  description: 'Why a trajectory of neighbourhood-team basic support ended (uitstroomreden); the closing outcome in the GP\'s Task.',
  concepts: TRAJECTORY_OUTCOMES.map((code) => ({ code, display: outcomeLabelNl[code], definition: outcomeDefinition[code],
    designation: [{ language: 'en', value: outcomeDefinition[code] }] })),
};

export const CODE_SYSTEMS: readonly CodeSystemDef[] = [LifeDomainSystem, SafetySignalSystem, ContactRouteSystem, TrajectoryOutcomeSystem, ReferralCategorySystem];
export const systemUrl = (cs: CodeSystemDef) => `${FHIR_BASE}/CodeSystem/${cs.id}`;
export const hasCode = (cs: CodeSystemDef, code: unknown) => cs.concepts.some((c) => c.code === code);

/** A CodeSystem as the FHIR R4 resource (content: complete). */
export function toCodeSystemResource(cs: CodeSystemDef) {
  return {
    resourceType: 'CodeSystem', id: cs.id, url: systemUrl(cs), version: '1.0.0', name: cs.name, title: cs.title,
    status: 'active', experimental: false, publisher: 'Wegwijs', description: cs.description,
    caseSensitive: true, content: 'complete', count: cs.concepts.length,
    concept: cs.concepts.map((c) => ({ code: c.code, display: c.display, definition: c.definition, ...(c.designation ? { designation: c.designation } : {}) })),
  };
}

/**
 * ServiceRequest.priority → the referral's urgency. FHIR orders routine < urgent < asap < stat;
 * Wegwijs has three levels, so asap counts as urgent and only stat asks for same-day action (crisis).
 */
export const urgencyOfPriority: Record<string, Urgency> = { routine: 'normal', urgent: 'urgent', asap: 'urgent', stat: 'crisis' };
