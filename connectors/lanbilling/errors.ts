import { ConnectorError, PermanentError, PermanentReason, RateLimitedError, TransientError } from '../errors';
import { retryAfterMs } from '../http-errors';

/**
 * Maps what node-soap throws onto the connector error types. api3 reports every refusal as
 * a SOAP Fault whose only structure is faultcode/faultstring/detail, so the reason is read
 * from the faultstring; the HTTP layer (down, 5xx, 429, timeouts) is mapped like REST.
 */

export interface SoapFault {
  /** faultcode without its envelope prefix: "Client" or "Server". */
  code: string;
  message: string;
  detail?: string;
}

const SESSION_LOST = /session expired|not authori[sz]ed/i;

const reasonPatterns: [RegExp, PermanentReason][] = [
  [SESSION_LOST, 'auth'],
  [/invalid login or password|access denied|permission/i, 'auth'],
  [/not found/i, 'not_found'],
  [/already exists|already taken|duplicate/i, 'conflict'],
  [/invalid value|invalid|must |required/i, 'validation'],
];

export function soapFaultOf(err: unknown): SoapFault | undefined {
  const fault = (err as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } } | null)?.root?.Envelope?.Body?.Fault;
  if (!fault) return undefined;
  const code = String(textOf(fault.faultcode) ?? 'Server').replace(/^.*:/, '');
  const detail = textOf(fault.detail);
  return { code, message: String(textOf(fault.faultstring) ?? 'SOAP Fault'), ...(detail === undefined ? {} : { detail: String(detail) }) };
}

/** The fault api3 answers when the sessnum cookie is missing, unknown or idle too long. */
export function isSessionLost(err: unknown): boolean {
  const fault = soapFaultOf(err);
  return fault !== undefined && SESSION_LOST.test(fault.message);
}

export function toConnectorError(system: string, operation: string, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const fault = soapFaultOf(err);
  if (fault) return fromFault(system, operation, fault, err);
  const e = err as { code?: unknown; message?: unknown; response?: { status?: number; headers?: Record<string, unknown> }; isAxiosError?: boolean };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const status = e?.response?.status;
  if (status === 429) {
    return new RateLimitedError(system, operation, retryAfterMs(e.response?.headers?.['retry-after']), 'HTTP 429 Too Many Requests', { cause: err });
  }
  if (status !== undefined && (status >= 500 || status === 408)) return new TransientError(system, operation, `HTTP ${status}`, { cause: err });
  if (status !== undefined && status >= 400) {
    const reason: PermanentReason = status === 401 || status === 403 ? 'auth' : status === 404 ? 'not_found' : 'rejected';
    return new PermanentError(system, operation, reason, `HTTP ${status}`, { cause: err });
  }
  if (status !== undefined) return new PermanentError(system, operation, 'rejected', `unreadable answer (HTTP ${status}): ${message}`, { cause: err });
  // No HTTP answer at all: refused, reset, timed out. Only network-looking failures are worth retrying.
  if (typeof e?.code === 'string' || e?.isAxiosError) return new TransientError(system, operation, `${String(e.code ?? 'network error')}: ${message}`, { cause: err });
  return new PermanentError(system, operation, 'rejected', message, { cause: err });
}

function fromFault(system: string, operation: string, fault: SoapFault, cause: unknown): ConnectorError {
  const message = `SOAP Fault ${fault.code}: ${fault.message}`;
  const reason = reasonPatterns.find(([pattern]) => pattern.test(fault.message))?.[1] ?? 'rejected';
  return new PermanentError(system, operation, reason, message, { cause });
}

function textOf(value: unknown): unknown {
  if (value && typeof value === 'object' && '$value' in value) return (value as { $value: unknown }).$value;
  return value;
}
