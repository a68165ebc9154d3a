import { ConnectorError, PermanentError, PermanentReason, RateLimitedError, TransientError } from './errors';
import { retryAfterMs } from './http-errors';

/**
 * What node-soap throws, read into its parts: the SOAP 1.1 Fault when the server answered one,
 * else the HTTP answer or the network failure. SOAP connectors map a Fault by its code (each
 * vendor has its own codes) and leave everything else to `fromSoapTransportError`, so that
 * "network, 5xx and timeouts are transient, 429 waits, other 4xx are permanent" holds for SOAP
 * as it does for REST (http-errors.ts).
 */
export interface SoapFault {
  /** faultcode without its envelope prefix, e.g. "Client" or "Client.UnknownItem". */
  code: string;
  message: string;
  detail?: string;
  /** HTTP status of the answer that carried the Fault. */
  status?: number;
}

export function soapFaultOf(err: unknown): SoapFault | undefined {
  const e = err as { root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } }; response?: { status?: number } } | null;
  const fault = e?.root?.Envelope?.Body?.Fault;
  if (!fault) return undefined;
  const code = String(textOf(fault.faultcode) ?? 'Server').replace(/^[^:]*:/, '');
  const detail = textOf(fault.detail);
  return {
    code,
    message: String(textOf(fault.faultstring) ?? 'SOAP Fault'),
    ...(detail === undefined || typeof detail === 'object' ? {} : { detail: String(detail) }),
    ...(e?.response?.status === undefined ? {} : { status: e.response.status }),
  };
}

/** A failure that carried no SOAP Fault: HTTP status, network error, timeout. */
export function fromSoapTransportError(system: string, operation: string, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const e = err as { code?: unknown; message?: unknown; response?: { status?: number; headers?: Record<string, unknown> }; isAxiosError?: boolean };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const status = e?.response?.status;
  if (status === 429) {
    return new RateLimitedError(system, operation, retryAfterMs(e.response?.headers?.['retry-after']), 'HTTP 429 Too Many Requests', { cause: err });
  }
  if (status !== undefined && (status >= 500 || status === 408)) {
    // 503 may say when to come back; honour it like a 429.
    const retryAfter = e.response?.headers?.['retry-after'];
    if (status === 503 && retryAfter !== undefined) return new RateLimitedError(system, operation, retryAfterMs(retryAfter), 'HTTP 503 Service Unavailable', { cause: err });
    return new TransientError(system, operation, `HTTP ${status}`, { cause: err });
  }
  if (status !== undefined && status >= 400) {
    const reason: PermanentReason = status === 401 || status === 403 ? 'auth' : status === 404 ? 'not_found' : 'rejected';
    return new PermanentError(system, operation, reason, `HTTP ${status}`, { cause: err });
  }
  if (status !== undefined) return new PermanentError(system, operation, 'rejected', `unreadable answer (HTTP ${status}): ${message}`, { cause: err });
  // No HTTP answer at all: refused, reset, timed out. Only network-looking failures are worth retrying.
  if (typeof e?.code === 'string' || e?.isAxiosError) return new TransientError(system, operation, `${String(e.code ?? 'network error')}: ${message}`, { cause: err });
  return new PermanentError(system, operation, 'rejected', message, { cause: err });
}

/**
 * For vendors whose Faults carry the reason as a dotted faultcode subcode (soap:Client.UnknownItem):
 * a known subcode gives its reason (`refuse` makes the error, e.g. one that keeps the code); else a
 * Server fault is the vendor's own trouble and worth retrying, and a Client fault is ours and is not.
 */
export function fromSubcodedFault(
  system: string,
  operation: string,
  err: unknown,
  reasonByCode: Readonly<Record<string, PermanentReason>>,
  refuse: (reason: PermanentReason, code: string, message: string) => PermanentError = (reason, _code, message) => new PermanentError(system, operation, reason, message, { cause: err }),
): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const fault = soapFaultOf(err);
  if (!fault) return fromSoapTransportError(system, operation, err);
  const [kind, code] = fault.code.split('.');
  const message = `SOAP Fault ${fault.code}: ${fault.message}`;
  const reason = code === undefined ? undefined : reasonByCode[code];
  if (code !== undefined && reason !== undefined) return refuse(reason, code, message);
  if (kind === 'Server') return new TransientError(system, operation, message, { cause: err });
  if (fault.status === 401 || fault.status === 403) return new PermanentError(system, operation, 'auth', message, { cause: err });
  return new PermanentError(system, operation, 'rejected', message, { cause: err });
}

/**
 * The HTTP error node-soap throws carries the request it made (Authorization header included,
 * deep inside the socket's request object); it would become the ConnectorError's cause, which
 * anything may log. Keep only what the error mapping reads: the Fault, the HTTP status and
 * headers, the network error code.
 */
export function withoutCredentials(err: unknown): unknown {
  if (!err || typeof err !== 'object') return err;
  const e = err as { message?: unknown; code?: unknown; isAxiosError?: unknown; root?: unknown; response?: { status?: unknown; headers?: unknown; data?: unknown } };
  if (e.response === undefined && e.root === undefined && e.isAxiosError === undefined) return err;
  const headers = { ...((e.response?.headers as Record<string, unknown> | undefined) ?? {}) };
  return Object.assign(new Error(typeof e.message === 'string' ? e.message : 'SOAP call failed'), {
    ...(e.code === undefined ? {} : { code: e.code }),
    ...(e.isAxiosError === undefined ? {} : { isAxiosError: e.isAxiosError }),
    ...(e.root === undefined ? {} : { root: e.root }),
    ...(e.response === undefined ? {} : { response: { status: e.response.status, headers, data: e.response.data } }),
  });
}

function textOf(value: unknown): unknown {
  if (value && typeof value === 'object' && '$value' in value) return (value as { $value: unknown }).$value;
  return value;
}
