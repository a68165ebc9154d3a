import { ConnectorError, PermanentError, RateLimitedError, TransientError } from '../errors';
import { isAxiosError } from 'axios';
import { fromHttpError } from '../http-errors';

/**
 * fromHttpError, minus the cause. An axios error carries the request it failed on (the
 * Authorization header, a token request's client_secret); a connector error that keeps it as
 * `cause` would put credentials into any log line that records the error. So the mapped error
 * keeps the status and the platform's message, and nothing else.
 */
export function toConnectorError(system: string, operation: string, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const mapped = fromHttpError(system, operation, err);
  const message = mapped.message.slice(`${system}.${operation}: `.length) + fieldErrors(err);
  if (mapped instanceof RateLimitedError) return new RateLimitedError(system, operation, mapped.retryAfterMs, message);
  if (mapped instanceof PermanentError) return new PermanentError(system, operation, mapped.reason, message);
  return new TransientError(system, operation, message);
}

/** The platform answers invalid input with `{message, errors: {field: [messages]}}`; the fields belong in the message. */
function fieldErrors(err: unknown): string {
  if (!isAxiosError(err)) return '';
  const errors = (err.response?.data as { errors?: unknown } | undefined)?.errors;
  if (errors === null || typeof errors !== 'object' || Array.isArray(errors)) return '';
  const parts = Object.entries(errors as Record<string, unknown>).map(([field, messages]) => `${field}: ${([] as unknown[]).concat(messages).join(' ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
