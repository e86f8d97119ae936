import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  errors?: { field: string; message: string }[];
  [k: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: 'Ongeldige invoer / Bad request', 401: 'Niet ingelogd / Unauthenticated', 403: 'Geen toegang / Forbidden',
  404: 'Niet gevonden / Not found', 405: 'Methode niet toegestaan / Method not allowed', 409: 'Conflict', 412: 'Versie verouderd / Precondition failed',
  413: 'Te groot / Payload too large', 414: 'Adres te lang / URI too long', 415: 'Verkeerd formaat / Unsupported media type', 422: 'Niet verwerkbaar / Unprocessable',
  423: 'Geblokkeerd / Locked', 428: 'Versie ontbreekt / Precondition required', 429: 'Te veel pogingen / Too many requests', 500: 'Interne fout / Internal error',
  503: 'Niet beschikbaar / Unavailable',
};

/** Turns any thrown error into an RFC 9457 problem; never exposes internals of a 5xx. */
export function toProblem(err: unknown): Problem {
  if (err instanceof AppError) {
    return { type: `https://wegwijs.nl/problems/${err.code}`, title: TITLES[err.status] ?? 'Error', status: err.status,
      detail: err.message, code: err.code, ...(err.field ? { field: err.field } : {}), ...(err.extra ?? {}) };
  }
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const errors = fe.validation.map((v) => {
      const path = (v.instancePath || '').replace(/^\//, '').replaceAll('/', '.');
      return { field: path || String(v.params?.issue && (v.params.issue as { path?: unknown[] }).path?.join('.') || ''), message: v.message ?? 'invalid' };
    });
    const first = errors[0];
    return { type: 'https://wegwijs.nl/problems/validation', title: TITLES[400], status: 400,
      detail: first ? `Ongeldige invoer in '${first.field || fe.validationContext}': ${first.message} / Invalid input in '${first.field || fe.validationContext}'` : 'Ongeldige invoer / Invalid input',
      code: 'validation', field: first?.field, errors };
  }
  const status = typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status === 400 && fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (status === 400 && /JSON/i.test(fe.message ?? ''))) {
    return { type: 'https://wegwijs.nl/problems/malformed_json', title: TITLES[400], status, code: 'malformed_json',
      detail: 'De aanvraag bevat geen geldige JSON / The request body is not valid JSON' };
  }
  if (status === 413) {
    return { type: 'https://wegwijs.nl/problems/payload_too_large', title: TITLES[413], status, code: 'payload_too_large',
      detail: 'De aanvraag is groter dan dit adres aanneemt / The request body is larger than this route accepts' };
  }
  if (status < 500) {
    return { type: `https://wegwijs.nl/problems/http_${status}`, title: TITLES[status] ?? 'Error', status, code: fe.code ?? `http_${status}`, detail: fe.message };
  }
  return { type: 'https://wegwijs.nl/problems/internal', title: TITLES[500], status: 500, code: 'internal',
    detail: 'Er ging iets mis aan onze kant; probeer het later opnieuw. / Something went wrong on our side; please try again later.' };
}

/**
 * Another error shape for part of the URL space (the FHIR API answers with an OperationOutcome).
 * A module registers it (app.ts does, explicitly), so the platform needs no import of the module.
 */
export type ProblemFormat = {
  name: string;
  matches: (url: string) => boolean;
  send: (reply: FastifyReply, p: Problem) => FastifyReply;
};
const formats = new Map<string, ProblemFormat>();

/** Registers (or replaces, by name) a problem format; the same for every app in the process. */
export function registerProblemFormat(format: ProblemFormat) {
  formats.set(format.name, format);
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const p = toProblem(err);
  if (p.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: p.code, status: p.status }, 'request rejected');
  for (const format of formats.values()) if (format.matches(req.url)) return format.send(reply.status(p.status), p);
  return reply.status(p.status).type('application/problem+json').send(p);
}
