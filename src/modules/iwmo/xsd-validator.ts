import { readFileSync } from 'node:fs';
import { XmlBufferInputProvider, XmlDocument, XmlLibError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import { BERICHT_CODE, MESSAGE_NUMBERS, type MessageNumber, type Standard, basisNamespace, messageNamespace } from './codes.ts';

/**
 * XSD validation of iWmo / iJw 3.2 messages with libxml2 (libxml2-wasm: no native build).
 * The schemas are Wegwijs' own files in ./xsd (see the comment at their top and docs/iwmo.md).
 * The iJw schemas are derived from the iWmo files in memory: the structure is the same
 * (DOMAIN.md §4), only the namespaces, the BerichtCode per message and the product
 * category list (JZ020 instead of WMO020) differ. Validators are compiled once and reused.
 */

export type XmlProblem = { line: number | null; element: string | null; message: string };

const XSD_DIR = new URL('./xsd/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, XSD_DIR), 'utf8');

/** The iJw variant of an iWmo schema text. */
function toIjw(text: string, n: MessageNumber | null): string {
  let out = text
    .replaceAll(basisNamespace('iwmo'), basisNamespace('ijw'))
    .replace(/iwmo\/3_2\/wmo(\d{3})\/schema/g, 'ijw/3_2/jw$1/schema')
    .replace('iWmo 3.2 message WMO', 'iJw 3.2 message JW (derived from) WMO');
  if (n) out = out.replace(`<xs:pattern value="${BERICHT_CODE.iwmo[n]}"/>`, `<xs:pattern value="${BERICHT_CODE.ijw[n]}"/>`);
  // JZ020 jeugd categories: two digits; which ones a municipality contracts is a business rule.
  out = out.replace(/<!-- categorie:begin[\s\S]*?categorie:end -->/,
    '<xs:simpleType name="LDT_ProductCategorie"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{2}"/></xs:restriction></xs:simpleType>');
  return out;
}

const sources = new Map<string, string>(); // virtual path → schema text
for (const standard of ['iwmo', 'ijw'] as const) {
  const basis = read('basisschema.xsd');
  sources.set(`/${standard}/basisschema.xsd`, standard === 'iwmo' ? basis : toIjw(basis, null));
  for (const n of MESSAGE_NUMBERS) {
    const text = read(`wmo${n}.xsd`);
    sources.set(`/${standard}/${n}.xsd`, standard === 'iwmo' ? text : toIjw(text, n));
  }
}
const encoder = new TextEncoder();
// The message schemas import basisschema.xsd relative to their own (virtual) path.
xmlRegisterInputProvider(new XmlBufferInputProvider(Object.fromEntries([...sources].map(([k, v]) => [k, encoder.encode(v)]))));

const validators = new Map<string, XsdValidator>();
function validatorFor(standard: Standard, n: MessageNumber): XsdValidator {
  const key = `/${standard}/${n}.xsd`;
  let v = validators.get(key);
  if (!v) {
    const doc = XmlDocument.fromString(sources.get(key)!, { url: key });
    v = XsdValidator.fromDoc(doc);
    doc.dispose();
    validators.set(key, v);
  }
  return v;
}

/** The schema text of a message (for `wegwijs iwmo` users and tests). */
export const schemaText = (standard: Standard, n: MessageNumber | 'basisschema') =>
  sources.get(`/${standard}/${n === 'basisschema' ? 'basisschema' : n}.xsd`)!;

/** Which message a namespace URI names, or null when it is none of ours. */
export function messageOfNamespace(ns: string): { standard: Standard; n: MessageNumber } | null {
  for (const standard of ['iwmo', 'ijw'] as const) {
    for (const n of MESSAGE_NUMBERS) if (messageNamespace(standard, n) === ns) return { standard, n };
  }
  return null;
}

/** libxml2 names the element as '{namespace}Name' in its messages. */
function elementOf(message: string): string | null {
  const m = /Element '(?:\{[^}]*\})?([^']+)'/.exec(message);
  return m ? m[1]! : null;
}

const problemsOf = (e: unknown): XmlProblem[] => e instanceof XmlLibError && e.details.length
  ? e.details.map((d) => ({ line: d.line || null, element: elementOf(d.message), message: d.message.trim() }))
  : [{ line: null, element: null, message: e instanceof Error ? e.message : String(e) }];

export type XsdResult =
  | { ok: true; standard: Standard; n: MessageNumber }
  | { ok: false; standard: Standard | null; n: MessageNumber | null; problems: XmlProblem[] };

/**
 * Validates a message against its schema. Which schema follows from the root element's
 * namespace; `expect` makes sure it is that message (an outgoing 301 must be a 301).
 */
export function validateXsd(xml: string, expect?: { standard: Standard; n: MessageNumber }): XsdResult {
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml);
  } catch (e) {
    return { ok: false, standard: null, n: null, problems: problemsOf(e) };
  }
  try {
    const root = doc.root;
    const which = messageOfNamespace(root.namespaceUri ?? '');
    if (!which || root.name !== 'Bericht') {
      return { ok: false, standard: null, n: null, problems: [{ line: root.line ?? null, element: root.name,
        message: `Root element is {${root.namespaceUri ?? ''}}${root.name}; expected Bericht in an iWmo or iJw 3.2 message namespace` }] };
    }
    if (expect && (expect.standard !== which.standard || expect.n !== which.n)) {
      return { ok: false, ...which, problems: [{ line: root.line ?? null, element: 'Bericht',
        message: `Expected message ${expect.standard} ${expect.n}, got ${which.standard} ${which.n}` }] };
    }
    try {
      validatorFor(which.standard, which.n).validate(doc);
      return { ok: true, ...which };
    } catch (e) {
      return { ok: false, ...which, problems: problemsOf(e) };
    }
  } finally {
    doc.dispose();
  }
}
