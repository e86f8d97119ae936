import type { Standard } from './codes.ts';
import type { Scope } from './assignment.ts';
import { type ClientShort, clientShortNode, parseClientShort } from './delivery.ts';
import { basisPrefix, headerNode, list, type MessageHeader, type Node, opt, type Parsed, parseHeader, parseXml, toXml } from './xml.ts';

/**
 * WMO315 / JW315 (verzoek om toewijzing), WMO317 / JW317 (verzoek om wijziging) from the
 * provider, and WMO319 / JW319, the municipality's answer when it does not grant with a 301.
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

export function buildAssignmentRequest(m: AssignmentRequest): string {
  const b = basisPrefix(m.standard);
  return toXml(m.standard, '315', {
    Header: headerNode(m.standard, '315', m.header),
    Client: {
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
    },
  });
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

export function buildChangeRequest(m: ChangeRequest): string {
  const b = basisPrefix(m.standard);
  const nonEmpty = <T>(xs: T[], wrap: (xs: T[]) => Node) => (xs.length ? wrap(xs) : undefined);
  return toXml(m.standard, '317', {
    Header: headerNode(m.standard, '317', m.header),
    Client: {
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
    },
  });
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
