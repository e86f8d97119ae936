import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import {
  BERICHT_CODE, BERICHT_SUBVERSIE, BERICHT_VERSIE, type MessageNumber, type Standard, XSD_VERSIE, basisNamespace, messageNamespace,
} from './codes.ts';

/**
 * XML for iWmo / iJw messages with fast-xml-parser. Message elements are in the message's
 * default namespace; the children of the shared composite types (CDT_*) are in the
 * basisschema namespace, written with the prefix `iwmo:` or `ijw:`. Builders create plain
 * objects in the XSD's element order (insertion order is output order); undefined leaves
 * out an optional element.
 */

export type Node = { [name: string]: unknown };

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: true });

/** Drops undefined values so that optional elements are simply absent. */
function clean(node: Node): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'object' ? clean(x as Node) : x));
    else if (typeof v === 'object' && v !== null) out[k] = clean(v as Node);
    else out[k] = v;
  }
  return out;
}

/** The basisschema prefix of a standard; `b('Datum')` → 'iwmo:Datum'. */
export const basisPrefix = (standard: Standard) => (name: string) => `${standard}:${name}`;

export function toXml(standard: Standard, n: MessageNumber, body: Node): string {
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Bericht: { '@_xmlns': messageNamespace(standard, n), [`@_xmlns:${standard}`]: basisNamespace(standard), ...clean(body) },
  };
  return builder.build(doc) as string;
}

/** Elements that may repeat: always parsed as arrays, even when there is one. */
const REPEATING = new Set([
  'Contact', 'ToegewezenProduct', 'StartProduct', 'StopProduct', 'AangevraagdProduct', 'OngewijzigdProduct',
  'TeWijzigenProduct', 'NieuwProduct', 'Prestatie', 'RetourCode',
]);
const parser = new XMLParser({
  ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true,
  isArray: (name, jpath) => REPEATING.has(name) || String(jpath).endsWith('Clienten.Client'),
});

/**
 * A parsed element: text leaves are strings (codes keep their leading zeros). Messages are
 * parsed only after XSD validation, so the tree has the schema's shape and is read as such.
 */
// biome-ignore lint/suspicious/noExplicitAny: the shape is guaranteed by the XSD validation that runs first
export type Parsed = any;
export const parseXml = (xml: string): Parsed => (parser.parse(xml) as { Bericht: Parsed }).Bericht;

/** Header fields every message has (iWmo 3.2 Header): who sends to whom, numbered and dated. */
export type MessageHeader = {
  /** Afzender: CBS municipality code (g → a) or AGB code (a → g). */
  sender: string;
  /** Ontvanger. */
  receiver: string;
  /** BerichtIdentificatie/Identificatie: unique per sender. */
  id: string;
  /** BerichtIdentificatie/Dagtekening. */
  date: string;
};

export const xsdVersie = (b: (n: string) => string): Node => ({ [b('BasisschemaXsdVersie')]: XSD_VERSIE.basisschema, [b('BerichtXsdVersie')]: XSD_VERSIE.bericht });

export function headerNode(standard: Standard, n: MessageNumber, h: MessageHeader): Node {
  const b = basisPrefix(standard);
  return {
    BerichtCode: BERICHT_CODE[standard][n],
    BerichtVersie: BERICHT_VERSIE,
    BerichtSubversie: BERICHT_SUBVERSIE,
    Afzender: h.sender,
    Ontvanger: h.receiver,
    BerichtIdentificatie: { [b('Identificatie')]: h.id, [b('Dagtekening')]: h.date },
    XsdVersie: xsdVersie(b),
  };
}

export const parseHeader = (h: Parsed): MessageHeader => ({
  sender: h.Afzender, receiver: h.Ontvanger, id: h.BerichtIdentificatie.Identificatie, date: h.BerichtIdentificatie.Dagtekening,
});

/** Optional element text, or undefined. */
export const opt = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const list = (v: unknown): Parsed[] => (Array.isArray(v) ? v : []);
