/**
 * The one error type domain and service code throws. Codes are stable and map to HTTP in one place
 * (src/server.ts); domain code never speaks HTTP.
 */
export type ErrorCode = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

export interface FieldProblem {
  /** JSON pointer of the offending field, e.g. `/target/value`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: FieldProblem[] | undefined;
  /** For conflicts: the object as it is saved now. */
  readonly current: unknown;

  constructor(code: ErrorCode, message: string, extra: { details?: FieldProblem[]; current?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = extra.details;
    this.current = extra.current;
  }
}

export const httpStatusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  // A source the product depends on (Kolada, SCB) could not answer; nothing was changed.
  unavailable: 503,
};

export function invalid(path: string, message: string): AppError {
  return new AppError('validation', message, { details: [{ path, message }] });
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} finns inte.`);
}

export function forbidden(message = 'Du har inte behörighet att göra detta.'): AppError {
  return new AppError('forbidden', message);
}

export function staleVersion(what: string, current: unknown): AppError {
  return new AppError(
    'conflict',
    `${what} har ändrats av någon annan sedan du öppnade den. Din ändring är inte sparad — se den sparade versionen och gör om ändringen.`,
    { current },
  );
}
