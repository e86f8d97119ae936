/** The one error type. The error handler turns it into problem+json (or a FHIR OperationOutcome). */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field?: string;
  readonly extra?: Record<string, unknown>;
  /** For the audit row only, never sent to the client (e.g. the id of a record whose existence was confirmed). */
  auditDetails?: Record<string, unknown>;
  constructor(code: string, status: number, message: string, field?: string, extra?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.status = status;
    this.field = field;
    this.extra = extra;
  }
}

export const badRequest = (message: string, field?: string, code = 'bad_request') => new AppError(code, 400, message, field);
export const unauthorized = (message = 'Niet ingelogd / not logged in', code = 'unauthenticated') => new AppError(code, 401, message);
export const forbidden = (message = 'Geen toegang / access denied', code = 'forbidden') => new AppError(code, 403, message);
export const notFound = (message = 'Niet gevonden / not found', code = 'not_found') => new AppError(code, 404, message);
export const conflict = (message: string, code = 'conflict', extra?: Record<string, unknown>) => new AppError(code, 409, message, undefined, extra);
export const unprocessable = (message: string, field?: string, code = 'unprocessable') => new AppError(code, 422, message, field);
