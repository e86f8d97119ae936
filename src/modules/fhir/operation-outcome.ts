import { AppError } from '../../platform/errors.ts';
import type { Problem, ProblemFormat } from '../../platform/problem.ts';

/** FHIR R4 issue-type codes Wegwijs uses (http://hl7.org/fhir/R4/valueset-issue-type.html). */
export type IssueCode = 'structure' | 'required' | 'value' | 'invariant' | 'code-invalid' | 'business-rule' | 'duplicate'
  | 'not-found' | 'security' | 'login' | 'forbidden' | 'not-supported' | 'processing' | 'exception' | 'too-costly' | 'conflict' | 'invalid' | 'throttled';

/** One problem in a FHIR request, pointing at the element (FHIRPath) that caused it. */
export type FhirIssue = { code: IssueCode; expression?: string; diagnostics: string; severity?: 'error' | 'warning' | 'information' };

export const WEGWIJS_PROBLEM_SYSTEM = 'https://wegwijs.nl/problems';

/** A FHIR request that is refused with one or more issues; becomes an OperationOutcome. */
export function fhirError(status: 400 | 404 | 409 | 412 | 413 | 422, issues: FhirIssue[], code = status === 422 ? 'fhir_business_rule' : 'fhir_invalid'): AppError {
  const first = issues[0];
  return new AppError(code, status, first?.diagnostics ?? 'Invalid', first?.expression, { issues });
}

const CODE_BY_STATUS: Record<number, IssueCode> = {
  400: 'invalid', 401: 'login', 403: 'forbidden', 404: 'not-found', 405: 'not-supported', 409: 'conflict', 412: 'conflict',
  413: 'too-costly', 415: 'not-supported', 422: 'business-rule', 429: 'throttled',
};

/**
 * The problem the platform's error handler made, as a FHIR R4 OperationOutcome (used for every
 * error under /fhir/r4/). The Wegwijs problem code travels in `details.coding`, so clients and
 * tests can tell e.g. a refusal by scope ('role_forbidden') from one by ownership.
 */
export function toOperationOutcome(p: Problem) {
  const listed = Array.isArray(p.issues) ? (p.issues as FhirIssue[]) : null;
  const fromZod = !listed && Array.isArray(p.errors) ? p.errors.map((e): FhirIssue => ({ code: 'invalid', expression: e.field || undefined, diagnostics: e.message })) : null;
  const issues: FhirIssue[] = listed ?? (fromZod?.length ? fromZod : [{ code: CODE_BY_STATUS[p.status] ?? 'exception', expression: p.field, diagnostics: p.detail }]);
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity ?? (p.status >= 500 ? 'fatal' : 'error'),
      code: i.code,
      details: { coding: [{ system: WEGWIJS_PROBLEM_SYSTEM, code: p.code }], text: p.title },
      diagnostics: i.diagnostics,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

/** Errors under /fhir/r4 answer in FHIR: an OperationOutcome (FHIR R4 http.html#errors). Registered in app.ts. */
export const fhirProblemFormat: ProblemFormat = {
  name: 'fhir',
  matches: (url) => /^\/fhir\/r4([/?]|$)/.test(url),
  send: (reply, p) => {
    if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="wegwijs-fhir"');
    return reply.type('application/fhir+json; charset=utf-8').send(toOperationOutcome(p));
  },
};
