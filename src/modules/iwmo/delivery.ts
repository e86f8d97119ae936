import { RetourCode, type Standard, XSLT_VERSIE } from './codes.ts';
import { basisPrefix, headerNode, list, type MessageHeader, type Node, opt, type Parsed, parseHeader, parseXml, toXml, xsdVersie } from './xml.ts';

/** WMO305 / JW305 (start zorg) and WMO307 / JW307 (stop zorg): the provider reports delivery. */

/** The short client identification of provider messages (Bsn, Geboortedatum, Geslacht, Naam). */
export type ClientShort = { bsn: string; birthDate: string; gender: '0' | '1' | '2'; lastName: string; prefix?: string; initials?: string };
export type DeliveryStart = {
  /** ToewijzingNummer and ToewijzingIngangsdatum: which assignment. */
  number: string; assignmentFrom: string;
  category?: string; productCode?: string;
  /** Begindatum: first day of delivery. */
  start: string;
  /** StatusAanlevering: 1 first, 3 delete an earlier report. */
  status: string;
};
export type DeliveryStop = DeliveryStart & { reason: string; end: string };
export type StartMessage = { standard: Standard; header: MessageHeader; client: ClientShort; products: DeliveryStart[] };
export type StopMessage = { standard: Standard; header: MessageHeader; client: ClientShort; products: DeliveryStop[] };

export function clientShortNode(standard: Standard, c: ClientShort): Node {
  const b = basisPrefix(standard);
  return {
    Bsn: c.bsn, Geboortedatum: { [b('Datum')]: c.birthDate }, Geslacht: c.gender,
    Naam: { [b('Achternaam')]: c.lastName, [b('Voorvoegsel')]: c.prefix, [b('Voorletters')]: c.initials },
  };
}
export const parseClientShort = (c: Parsed): ClientShort => ({
  bsn: c.Bsn, birthDate: c.Geboortedatum.Datum, gender: c.Geslacht as ClientShort['gender'],
  lastName: c.Naam.Achternaam, prefix: opt(c.Naam.Voorvoegsel), initials: opt(c.Naam.Voorletters),
});

const productNode = (standard: Standard, p: DeliveryStart) => {
  const b = basisPrefix(standard);
  return {
    ToewijzingNummer: p.number,
    Product: p.category ? { [b('Categorie')]: p.category, [b('Code')]: p.productCode } : undefined,
    ToewijzingIngangsdatum: p.assignmentFrom,
    Begindatum: p.start,
  };
};
const parseProduct = (p: Parsed): DeliveryStart => ({
  number: p.ToewijzingNummer, assignmentFrom: p.ToewijzingIngangsdatum, category: opt(p.Product?.Categorie), productCode: opt(p.Product?.Code),
  start: p.Begindatum, status: p.StatusAanlevering,
});

export const buildStart = (m: StartMessage) => toXml(m.standard, '305', {
  Header: headerNode(m.standard, '305', m.header),
  Client: { ...clientShortNode(m.standard, m.client), StartProducten: { StartProduct: m.products.map((p) => ({ ...productNode(m.standard, p), StatusAanlevering: p.status })) } },
});

export const buildStop = (m: StopMessage) => toXml(m.standard, '307', {
  Header: headerNode(m.standard, '307', m.header),
  Client: {
    ...clientShortNode(m.standard, m.client),
    StopProducten: { StopProduct: m.products.map((p) => ({ ...productNode(m.standard, p), RedenBeeindiging: p.reason, Einddatum: p.end, StatusAanlevering: p.status })) },
  },
});

export function parseStart(xml: string, standard: Standard): StartMessage {
  const m = parseXml(xml);
  return { standard, header: parseHeader(m.Header), client: parseClientShort(m.Client), products: list(m.Client.StartProducten.StartProduct).map(parseProduct) };
}

export function parseStop(xml: string, standard: Standard): StopMessage {
  const m = parseXml(xml);
  return {
    standard, header: parseHeader(m.Header), client: parseClientShort(m.Client),
    products: list(m.Client.StopProducten.StopProduct).map((p) => ({ ...parseProduct(p), reason: p.RedenBeeindiging, end: p.Einddatum })),
  };
}

/** Retour codes of a 306 / 308: on the whole message, the client and each product (by ToewijzingNummer). */
export type DeliveryCodes = { header: string[]; client: string[]; products: Record<string, string[]> };
export type DeliveryRetour = { standard: Standard; header: MessageHeader; retour: { id: string; date: string }; bsn: string; codes: DeliveryCodes };

const codesNode = (xs: string[] | undefined) => ({ RetourCode: xs?.length ? xs : [RetourCode.Geen] });

/** The 306 (on a 305) or 308 (on a 307): the message returned as received, with the municipality's retour codes. */
export function buildDeliveryRetour(original: StartMessage | StopMessage, kind: '306' | '308', retour: { id: string; date: string }, codes: DeliveryCodes): string {
  const { standard } = original;
  const b = basisPrefix(standard);
  const header = {
    ...headerNode(standard, kind, original.header),
    IdentificatieRetour: retour.id, DagtekeningRetour: retour.date, XsltVersie: XSLT_VERSIE, XsdVersieRetour: xsdVersie(b), RetourCodes: codesNode(codes.header),
  };
  const products = kind === '306'
    ? { StartProducten: { StartProduct: (original as StartMessage).products.map((p) => ({ ...productNode(standard, p), StatusAanlevering: p.status, RetourCodes: codesNode(codes.products[p.number]) })) } }
    : { StopProducten: { StopProduct: (original as StopMessage).products.map((p) => ({
      ...productNode(standard, p), RedenBeeindiging: p.reason, Einddatum: p.end, StatusAanlevering: p.status, RetourCodes: codesNode(codes.products[p.number]) })) } };
  return toXml(standard, kind, { Header: header, Client: { ...clientShortNode(standard, original.client), ...products, RetourCodes: codesNode(codes.client) } });
}

export function parseDeliveryRetour(xml: string, standard: Standard): DeliveryRetour {
  const m = parseXml(xml);
  const products = list(m.Client.StartProducten?.StartProduct ?? m.Client.StopProducten?.StopProduct);
  return {
    standard, header: parseHeader(m.Header), retour: { id: m.Header.IdentificatieRetour, date: m.Header.DagtekeningRetour }, bsn: m.Client.Bsn,
    codes: {
      header: list(m.Header.RetourCodes?.RetourCode), client: list(m.Client.RetourCodes?.RetourCode),
      products: Object.fromEntries(products.map((p) => [p.ToewijzingNummer, list(p.RetourCodes?.RetourCode)])),
    },
  };
}
