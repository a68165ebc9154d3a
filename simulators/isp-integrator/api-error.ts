/**
 * An error in ISP-Integrator's JSON error form: `{ error, message, field? }` with an HTTP status.
 * Domain code throws these; the routes turn them into responses. Messages start with the
 * field name so a client that only shows `message` still tells the operator what is wrong.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'validation_error' | 'not_found' | 'conflict' | 'unauthorized' | 'idempotency_key_reused',
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
  }

  toBody(): { error: string; message: string; field?: string } {
    return { error: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/** Malformed request (wrong type, missing field): 400. */
export const badRequest = (field: string, message: string) => new ApiError(400, 'validation_error', message, field);
/** Well-formed but not allowed by ISP-Integrator's rules: 422. */
export const unprocessable = (field: string, message: string) => new ApiError(422, 'validation_error', message, field);
export const notFound = (field: string, message: string) => new ApiError(404, 'not_found', message, field);
export const conflict = (field: string, message: string) => new ApiError(409, 'conflict', message, field);
