import { RetourCode, type Standard, XSLT_VERSIE } from './codes.ts';
import type { Scope } from './assignment.ts';
import { type ClientShort, clientShortNode, type DeliveryCodes, parseClientShort } from './delivery.ts';
import { basisPrefix, headerNode, list, type MessageHeader, type Node, opt, type Parsed, parseHeader, parseXml, toXml, xsdVersie } from './xml.ts';

/**
 * WMO315 / JW315 (verzoek om toewijzing), WMO317 / JW317 (verzoek om wijziging) from the
 * provider; WMO316 / WMO318 (and JW), the retour messages that say whether the request was
 * received in good order; and WMO319 / JW319, the municipality's answer when it does not grant
 * with a 301.
 */

/** Verwijzer (COD327 type: 01 gemeente, 02 huisarts, …). */
export type Referrer = { type: string; name?: string; agbCode?: string };
export type RequestedProduct = {
  /** ReferentieAanbieder: the provider's reference; the answer (301 or 319) refers to it. */
  reference: string;
  category?: string; productCode?: string;
  from: string; to?: string;
  scope?: Scope; budget?: number;
  referrer: Referrer;
  comment?: string;
};
export type AssignmentRequest = { standard: Standard; header: MessageHeader; client: ClientShort; comment?: string; products: RequestedProduct[] };

/** A 317 asks for the whole new set: unchanged, changed and new products. */
export type ChangeRequest = {
  standard: Standard; header: MessageHeader; bsn: string;
  reference: string;
  /** RedenVerzoek (WJ758). */
  reason: string;
  unchanged: string[];
  changed: { number: string; from: string; to?: string; scope?: Scope; budget?: number }[];
  added: { category?: string; productCode?: string; from: string; to?: string; scope?: Scope; budget?: number }[];
};

/** A 319: the request is rejected (1, with a reason) or under investigation (2). */
export type RequestAnswer = { standard: Standard; header: MessageHeader; reference: string; answer: string; rejectionReason?: string };

const scopeNode = (b: (n: string) => string, s?: Scope, budget?: number): Node => ({
  Omvang: s && { [b('Volume')]: String(s.volume), [b('Eenheid')]: s.unit, [b('Frequentie')]: s.frequency },
  Budget: budget === undefined ? undefined : String(budget),
});
const parseScope = (p: Parsed) => ({
  scope: p.Omvang ? { volume: Number(p.Omvang.Volume), unit: p.Omvang.Eenheid, frequency: p.Omvang.Frequentie } : undefined,
  budget: opt(p.Budget) === undefined ? undefined : Number(p.Budget),
});
const productOf = (b: (n: string) => string, category?: string, code?: string) =>
  (category ? { [b('Categorie')]: category, [b('Code')]: code } : undefined);

export const buildAssignmentRequest = (m: AssignmentRequest) =>
  toXml(m.standard, '315', { Header: headerNode(m.standard, '315', m.header), Client: assignmentRequestClient(m) });

/** A 315's Client element (also the body of its 316). */
function assignmentRequestClient(m: AssignmentRequest): Node {
  const b = basisPrefix(m.standard);
  return {
    ...clientShortNode(m.standard, m.client),
    Commentaar: m.comment,
    AangevraagdeProducten: {
      AangevraagdProduct: m.products.map((p) => ({
        ReferentieAanbieder: p.reference,
        Product: productOf(b, p.category, p.productCode),
        ToewijzingIngangsdatum: p.from,
        ToewijzingEinddatum: p.to,
        ...scopeNode(b, p.scope, p.budget),
        Verwijzer: { [b('Type')]: p.referrer.type, [b('Naam')]: p.referrer.name, [b('ZorgverlenerCode')]: p.referrer.agbCode },
        Commentaar: p.comment,
      })),
    },
  };
}

export function parseAssignmentRequest(xml: string, standard: Standard): AssignmentRequest {
  const m = parseXml(xml);
  return {
    standard, header: parseHeader(m.Header), client: parseClientShort(m.Client), comment: opt(m.Client.Commentaar),
    products: list(m.Client.AangevraagdeProducten.AangevraagdProduct).map((p) => ({
      reference: p.ReferentieAanbieder, category: opt(p.Product?.Categorie), productCode: opt(p.Product?.Code),
      from: p.ToewijzingIngangsdatum, to: opt(p.ToewijzingEinddatum), ...parseScope(p),
      referrer: { type: p.Verwijzer.Type, name: opt(p.Verwijzer.Naam), agbCode: opt(p.Verwijzer.ZorgverlenerCode) },
      comment: opt(p.Commentaar),
    })),
  };
}

export const buildChangeRequest = (m: ChangeRequest) =>
  toXml(m.standard, '317', { Header: headerNode(m.standard, '317', m.header), Client: changeRequestClient(m) });

/** A 317's Client element (also the body of its 318). */
function changeRequestClient(m: ChangeRequest): Node {
  const b = basisPrefix(m.standard);
  const nonEmpty = <T>(xs: T[], wrap: (xs: T[]) => Node) => (xs.length ? wrap(xs) : undefined);
  return {
    Bsn: m.bsn,
    Verzoek: {
      ReferentieAanbieder: m.reference,
      RedenVerzoek: m.reason,
      OngewijzigdeProducten: nonEmpty(m.unchanged, (xs) => ({ OngewijzigdProduct: xs.map((n) => ({ ToewijzingNummer: n })) })),
      TeWijzigenProducten: nonEmpty(m.changed, (xs) => ({
        TeWijzigenProduct: xs.map((p) => ({ ToewijzingNummer: p.number, GewensteIngangsdatum: p.from, Einddatum: p.to, ...scopeNode(b, p.scope, p.budget) })),
      })),
      NieuweProducten: nonEmpty(m.added, (xs) => ({
        NieuwProduct: xs.map((p) => ({ Product: productOf(b, p.category, p.productCode), GewensteIngangsdatum: p.from, Einddatum: p.to, ...scopeNode(b, p.scope, p.budget) })),
      })),
    },
  };
}

export function parseChangeRequest(xml: string, standard: Standard): ChangeRequest {
  const m = parseXml(xml);
  const v = m.Client.Verzoek;
  return {
    standard, header: parseHeader(m.Header), bsn: m.Client.Bsn, reference: v.ReferentieAanbieder, reason: v.RedenVerzoek,
    unchanged: list(v.OngewijzigdeProducten?.OngewijzigdProduct).map((p) => p.ToewijzingNummer),
    changed: list(v.TeWijzigenProducten?.TeWijzigenProduct).map((p) => ({ number: p.ToewijzingNummer, from: p.GewensteIngangsdatum, to: opt(p.Einddatum), ...parseScope(p) })),
    added: list(v.NieuweProducten?.NieuwProduct).map((p) => ({
      category: opt(p.Product?.Categorie), productCode: opt(p.Product?.Code), from: p.GewensteIngangsdatum, to: opt(p.Einddatum), ...parseScope(p),
    })),
  };
}

export const buildRequestAnswer = (m: RequestAnswer) => toXml(m.standard, '319', {
  Header: headerNode(m.standard, '319', m.header),
  Antwoord: { ReferentieAanbieder: m.reference, VerzoekAntwoord: m.answer, RedenAfwijzingVerzoek: m.rejectionReason },
});

export function parseRequestAnswer(xml: string, standard: Standard): RequestAnswer {
  const m = parseXml(xml);
  return { standard, header: parseHeader(m.Header), reference: m.Antwoord.ReferentieAanbieder, answer: m.Antwoord.VerzoekAntwoord, rejectionReason: opt(m.Antwoord.RedenAfwijzingVerzoek) };
}

/**
 * Retour codes of a 316 / 318: on the whole message, the client and per requested product — a
 * 315's products by ReferentieAanbieder; a 317's Verzoek by its ReferentieAanbieder, and its
 * products by ToewijzingNummer or, when not given, with the Verzoek's codes.
 */
export type RequestCodes = DeliveryCodes;
export type RequestRetour = { standard: Standard; header: MessageHeader; retour: { id: string; date: string }; bsn: string; codes: RequestCodes };

const codesNode = (xs: string[] | undefined) => ({ RetourCode: xs?.length ? xs : [RetourCode.Geen] });

/** The keys a 316 / 318 carries retour codes for below the client: a 315's references, a 317's one reference. */
export const requestKeys = (m: AssignmentRequest | ChangeRequest) => ('products' in m ? m.products.map((p) => p.reference) : [m.reference]);

/** The 316 (on a 315) or 318 (on a 317): the request returned as received, with the municipality's retour codes. */
export function buildRequestRetour(original: AssignmentRequest | ChangeRequest, retour: { id: string; date: string }, codes: RequestCodes): string {
  const { standard } = original;
  const kind = 'products' in original ? '316' : '318';
  const Header = {
    ...headerNode(standard, kind, original.header),
    IdentificatieRetour: retour.id, DagtekeningRetour: retour.date, XsltVersie: XSLT_VERSIE, XsdVersieRetour: xsdVersie(basisPrefix(standard)), RetourCodes: codesNode(codes.header),
  };
  // The request's own Client element, with RetourCodes after each class's elements (the builders make fresh nodes).
  let client: Node;
  if ('products' in original) {
    client = assignmentRequestClient(original);
    const products = (client.AangevraagdeProducten as { AangevraagdProduct: Node[] }).AangevraagdProduct;
    products.forEach((p, i) => { p.RetourCodes = codesNode(codes.products[original.products[i]!.reference]); });
  } else {
    client = changeRequestClient(original);
    const verzoek = client.Verzoek as Node;
    const own = (n?: unknown) => codesNode((typeof n === 'string' && codes.products[n]) || codes.products[original.reference]);
    for (const [group, element] of [['OngewijzigdeProducten', 'OngewijzigdProduct'], ['TeWijzigenProducten', 'TeWijzigenProduct'], ['NieuweProducten', 'NieuwProduct']] as const) {
      for (const p of (verzoek[group] as Record<string, Node[]> | undefined)?.[element] ?? []) p.RetourCodes = own(p.ToewijzingNummer);
    }
    verzoek.RetourCodes = own();
  }
  client.RetourCodes = codesNode(codes.client);
  return toXml(standard, kind, { Header, Client: client });
}

export function parseRequestRetour(xml: string, standard: Standard): RequestRetour {
  const m = parseXml(xml);
  const v = m.Client.Verzoek;
  const products: [string, Parsed][] = v
    ? [[v.ReferentieAanbieder, v], ...[...list(v.OngewijzigdeProducten?.OngewijzigdProduct), ...list(v.TeWijzigenProducten?.TeWijzigenProduct)].map((p): [string, Parsed] => [p.ToewijzingNummer, p])]
    : list(m.Client.AangevraagdeProducten?.AangevraagdProduct).map((p): [string, Parsed] => [p.ReferentieAanbieder, p]);
  return {
    standard, header: parseHeader(m.Header), retour: { id: m.Header.IdentificatieRetour, date: m.Header.DagtekeningRetour }, bsn: m.Client.Bsn,
    codes: {
      header: list(m.Header.RetourCodes?.RetourCode), client: list(m.Client.RetourCodes?.RetourCode),
      products: Object.fromEntries(products.map(([k, p]) => [k, list(p.RetourCodes?.RetourCode)])),
    },
  };
}
