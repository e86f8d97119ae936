import { type MessageNumber, RedenWijziging, RetourCode, type Standard, XSLT_VERSIE } from './codes.ts';
import {
  basisPrefix, headerNode, list, type MessageHeader, type Node, opt, type Parsed, parseHeader, parseXml, toXml, xsdVersie,
} from './xml.ts';

/**
 * WMO301 / JW301 (toewijzing) and its retour WMO302 / JW302. A 301 always carries the full
 * current set of assignments of one client at one provider, never a delta (DOMAIN.md §4).
 */

export type Address = { street?: string; houseNumber: string; houseLetter?: string; houseNumberAddition?: string; postcode: string; city: string };
/** The client as a 301 names them (Client: Bsn, Geboortedatum, Geslacht, Naam, Contactgegevens). */
export type ClientPerson = {
  bsn: string; birthDate: string; gender: '0' | '1' | '2';
  lastName: string; prefix?: string; initials?: string; address?: Address;
};
/** Omvang: Volume units (Eenheid, WJ756 code) per Frequentie (WMO757 code). */
export type Scope = { volume: number; unit: string; frequency: string };
/** One ToegewezenProduct. */
export type AssignedProduct = {
  /** ToewijzingNummer: stays the same for the life of the assignment. */
  number: string;
  category: string;
  productCode: string;
  /** Toewijzingsdatum and -tijd: when the municipality fixed this version. */
  assignedOn: string;
  assignedAt: string;
  /** Ingangsdatum, Einddatum (inclusive). */
  from: string;
  to: string | null;
  /** RedenWijziging (WMO002) when this version changes an earlier one. */
  changeReason?: string;
  scope?: Scope;
  /** Budget in eurocents (outputgericht), instead of a scope. */
  budget?: number;
  providerReference?: string;
  comment?: string;
};
export type AssignmentMessage = { standard: Standard; header: MessageHeader; client: ClientPerson; products: AssignedProduct[] };

const N: MessageNumber = '301';

function clientNode(standard: Standard, m: AssignmentMessage, codes?: AssignmentCodes): Node {
  const b = basisPrefix(standard);
  const c = m.client;
  const retour = (list?: string[]) => (codes ? { RetourCode: list?.length ? list : [RetourCode.Geen] } : undefined);
  return {
    Bsn: c.bsn,
    Geboortedatum: { [b('Datum')]: c.birthDate },
    Geslacht: c.gender,
    Naam: { [b('Geslachtsnaam')]: { [b('Achternaam')]: c.lastName, [b('Voorvoegsel')]: c.prefix }, [b('Voorletters')]: c.initials, [b('NaamGebruik')]: '1' },
    Contactgegevens: {
      Contact: [{
        Soort: '01',
        Adres: c.address && {
          [b('Huis')]: { [b('Huisnummer')]: c.address.houseNumber, [b('Huisletter')]: c.address.houseLetter, [b('HuisnummerToevoeging')]: c.address.houseNumberAddition },
          [b('Postcode')]: c.address.postcode, [b('Straatnaam')]: c.address.street, [b('Plaatsnaam')]: c.address.city, [b('LandCode')]: 'NL',
        },
        RetourCodes: retour(codes?.client),
      }],
    },
    ToegewezenProducten: {
      ToegewezenProduct: m.products.map((p) => ({
        ToewijzingNummer: p.number,
        ReferentieAanbieder: p.providerReference,
        Product: { [b('Categorie')]: p.category, [b('Code')]: p.productCode },
        Toewijzingsdatum: p.assignedOn,
        Toewijzingstijd: p.assignedAt,
        Ingangsdatum: p.from,
        Einddatum: p.to ?? undefined,
        RedenWijziging: p.changeReason,
        Omvang: p.scope && { [b('Volume')]: String(p.scope.volume), [b('Eenheid')]: p.scope.unit, [b('Frequentie')]: p.scope.frequency },
        Budget: p.budget === undefined ? undefined : String(p.budget),
        Commentaar: p.comment,
        RetourCodes: retour(codes?.products[p.number]),
      })),
    },
    RetourCodes: retour(codes?.client),
  };
}

export function buildAssignment(m: AssignmentMessage): string {
  return toXml(m.standard, N, { Header: headerNode(m.standard, N, m.header), Client: clientNode(m.standard, m) });
}

function parseClient(c: Parsed): { client: ClientPerson; products: (AssignedProduct & { codes: string[] })[]; codes: string[] } {
  const contact = list(c.Contactgegevens?.Contact)[0];
  const a = contact?.Adres;
  return {
    client: {
      bsn: c.Bsn, birthDate: c.Geboortedatum.Datum, gender: c.Geslacht as ClientPerson['gender'],
      lastName: c.Naam.Geslachtsnaam.Achternaam, prefix: opt(c.Naam.Geslachtsnaam.Voorvoegsel), initials: opt(c.Naam.Voorletters),
      address: a?.Postcode ? {
        street: opt(a.Straatnaam), houseNumber: a.Huis?.Huisnummer, houseLetter: opt(a.Huis?.Huisletter),
        houseNumberAddition: opt(a.Huis?.HuisnummerToevoeging), postcode: a.Postcode, city: a.Plaatsnaam,
      } : undefined,
    },
    products: list(c.ToegewezenProducten?.ToegewezenProduct).map((p) => ({
      number: p.ToewijzingNummer, category: p.Product?.Categorie, productCode: p.Product?.Code,
      assignedOn: p.Toewijzingsdatum, assignedAt: p.Toewijzingstijd, from: p.Ingangsdatum, to: opt(p.Einddatum) ?? null,
      changeReason: opt(p.RedenWijziging),
      scope: p.Omvang ? { volume: Number(p.Omvang.Volume), unit: p.Omvang.Eenheid, frequency: p.Omvang.Frequentie } : undefined,
      budget: opt(p.Budget) === undefined ? undefined : Number(p.Budget),
      providerReference: opt(p.ReferentieAanbieder), comment: opt(p.Commentaar),
      codes: list(p.RetourCodes?.RetourCode),
    })),
    codes: list(c.RetourCodes?.RetourCode),
  };
}

export function parseAssignment(xml: string, standard: Standard): AssignmentMessage {
  const m = parseXml(xml);
  const { client, products } = parseClient(m.Client);
  return { standard, header: parseHeader(m.Header), client, products: products.map(({ codes: _, ...p }) => p) };
}

/** Retour codes of a 302: on the whole message, the client and each assignment (by number). */
export type AssignmentCodes = { header: string[]; client: string[]; products: Record<string, string[]> };
export type AssignmentRetour = {
  standard: Standard;
  /** The header of the 301 it answers (Afzender stays the municipality). */
  header: MessageHeader;
  /** IdentificatieRetour, DagtekeningRetour: the provider's own numbering. */
  retour: { id: string; date: string };
  bsn: string;
  codes: AssignmentCodes;
};

/** A 302: the 301 returned as received, with the provider's retour codes added. */
export function buildAssignmentRetour(original: AssignmentMessage, retour: { id: string; date: string }, codes: AssignmentCodes): string {
  const { standard } = original;
  const b = basisPrefix(standard);
  const header = {
    ...headerNode(standard, '302', original.header),
    IdentificatieRetour: retour.id,
    DagtekeningRetour: retour.date,
    XsltVersie: XSLT_VERSIE,
    XsdVersieRetour: xsdVersie(b),
    RetourCodes: { RetourCode: codes.header.length ? codes.header : [RetourCode.Geen] },
  };
  return toXml(standard, '302', { Header: header, Client: clientNode(standard, original, codes) });
}

export function parseAssignmentRetour(xml: string, standard: Standard): AssignmentRetour {
  const m = parseXml(xml);
  const { client, products, codes } = parseClient(m.Client);
  return {
    standard, header: parseHeader(m.Header), retour: { id: m.Header.IdentificatieRetour, date: m.Header.DagtekeningRetour },
    bsn: client.bsn,
    codes: { header: list(m.Header.RetourCodes?.RetourCode), client: codes, products: Object.fromEntries(products.map((p) => [p.number, p.codes])) },
  };
}

/** Did the provider accept everything (0200 everywhere)? */
export const retourAccepted = (r: AssignmentRetour) =>
  [r.codes.header, r.codes.client, ...Object.values(r.codes.products)].every((c) => c.every((x) => x === RetourCode.Geen));

/**
 * The RedenWijziging of a new version of an assignment (iWmo 3.2: after it is sent, only the
 * end date of an assignment may change; a different product, scope or start is a new
 * assignment with a new number). Returns the reason, or a problem when the change is not
 * allowed. An unchanged assignment keeps the reason it was last sent with.
 */
export function changeReason(previous: AssignedProduct | undefined, next: AssignedProduct,
  opts: { withdrawn?: boolean; correction?: boolean; providerChanged?: boolean } = {}): { reason: string | undefined } | { problem: string } {
  if (!previous) return { reason: undefined };
  if (opts.withdrawn) return { reason: RedenWijziging.Verwijderd };
  const sameScope = (a?: Scope, b?: Scope) => (!a && !b) || (!!a && !!b && a.volume === b.volume && a.unit === b.unit && a.frequency === b.frequency);
  if (previous.productCode !== next.productCode || previous.category !== next.category || previous.from !== next.from
    || !sameScope(previous.scope, next.scope) || (previous.budget ?? null) !== (next.budget ?? null)) {
    if (opts.correction) return { reason: RedenWijziging.AdministratieveCorrectie };
    return { problem: `Toewijzing ${next.number}: product, omvang of ingangsdatum wijzigen kan niet; maak een nieuwe toewijzing / only the end date of an assignment can change` };
  }
  if (previous.to === next.to) return { reason: previous.changeReason };
  if (opts.correction) return { reason: RedenWijziging.AdministratieveCorrectie };
  if (opts.providerChanged && next.to !== null && (previous.to === null || next.to < previous.to)) return { reason: RedenWijziging.OverstapAanbieder };
  const later = next.to === null || (previous.to !== null && next.to > previous.to);
  return { reason: later ? RedenWijziging.Verlenging : RedenWijziging.Verkorting };
}
