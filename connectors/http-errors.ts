import { AxiosError, isAxiosError } from 'axios';
import { ConnectorError, PermanentError, PermanentReason, RateLimitedError, TransientError } from './errors';

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds; falls back when absent or unreadable. */
export function retryAfterMs(header: unknown, fallbackMs = 1000, now = Date.now()): number {
  if (typeof header !== 'string' && typeof header !== 'number') return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(header));
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}

const permanentByStatus: Record<number, PermanentReason> = {
  400: 'validation',
  401: 'auth',
  403: 'auth',
  404: 'not_found',
  409: 'conflict',
  410: 'not_found',
  422: 'validation',
};

/**
 * Maps an axios failure onto the connector error types. Used by every REST connector so that
 * "5xx/network is transient, 429 waits, other 4xx are permanent" holds everywhere.
 */
export function fromHttpError(system: string, operation: string, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (!isAxiosError(err)) {
    return new TransientError(system, operation, err instanceof Error ? err.message : String(err), { cause: err });
  }
  const ax = err as AxiosError<unknown>;
  const status = ax.response?.status;
  const detail = describeBody(ax.response?.data) ?? ax.message;
  if (status === undefined) return new TransientError(system, operation, `${ax.code ?? 'network error'}: ${ax.message}`, { cause: err });
  if (status === 429) return new RateLimitedError(system, operation, retryAfterMs(ax.response?.headers?.['retry-after']), `HTTP 429: ${detail}`, { cause: err });
  if (status >= 500 || status === 408) return new TransientError(system, operation, `HTTP ${status}: ${detail}`, { cause: err });
  return new PermanentError(system, operation, permanentByStatus[status] ?? 'rejected', `HTTP ${status}: ${detail}`, { cause: err });
}

function describeBody(data: unknown): string | undefined {
  if (data == null || data === '') return undefined;
  if (typeof data === 'string') return data.slice(0, 300);
  if (typeof data === 'object') {
    const o = data as Record<string, unknown>;
    const msg = o.message ?? o.error ?? o.detail ?? o.title;
    if (typeof msg === 'string') return msg;
    return JSON.stringify(data).slice(0, 300);
  }
  return String(data);
}
