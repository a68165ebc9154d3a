import { XmlRpcFault } from '@foxglove/xmlrpc';
import { ConnectorError, PermanentError, PermanentReason, TransientError } from '../errors';
import { fromHttpError } from '../http-errors';
import type { MeetingRefusal } from '../meetings/port';

/**
 * FastViewer's XML-RPC fault codes (FastViewer publishes none; these are the simulator's,
 * documented in simulators/fastviewer/README.md) and what each means to subsync.
 */
export const FASTVIEWER_FAULTS: Record<number, { name: string; reason: PermanentReason; refusal?: MeetingRefusal }> = {
  1: { name: 'INVALID_PARAMS', reason: 'validation' },
  2: { name: 'AUTH_FAILED', reason: 'auth' },
  10: { name: 'PARENT_REQUIRED', reason: 'validation' },
  11: { name: 'PARENT_NOT_FOUND', reason: 'not_found' },
  12: { name: 'LICENSE_NOT_FOUND', reason: 'not_found' },
  13: { name: 'PROFILE_NOT_FOUND', reason: 'not_found' },
  14: { name: 'LICENSE_EXISTS', reason: 'conflict' },
  15: { name: 'LICENSE_BLOCKED', reason: 'rejected', refusal: 'license_blocked' },
  16: { name: 'TRIAL_EXPIRED', reason: 'rejected', refusal: 'trial_expired' },
  17: { name: 'NOT_A_TRIAL', reason: 'conflict' },
  20: { name: 'SESSION_NOT_FOUND', reason: 'not_found' },
  21: { name: 'QUOTA_EXCEEDED', reason: 'conflict', refusal: 'quota_exceeded' },
  22: { name: 'SESSION_STATE', reason: 'conflict', refusal: 'session_state' },
  24: { name: 'FUNCTION_NOT_AVAILABLE', reason: 'rejected', refusal: 'function_not_available' },
  // XML-RPC convention codes the server library uses.
  [-32601]: { name: 'METHOD_NOT_FOUND', reason: 'rejected' },
  [-32602]: { name: 'INVALID_METHOD_PARAMS', reason: 'validation' },
};

/** The server's generic "something broke" fault: retrying may help. */
const SERVER_ERROR = -32500;

/** A refusal answered as an XML-RPC fault; `faultCode` (and `refusal`, the port's name for it) let callers tell e.g. QUOTA_EXCEEDED apart. */
export class FastViewerFaultError extends PermanentError {
  readonly refusal?: MeetingRefusal;
  constructor(system: string, operation: string, readonly faultCode: number, reason: PermanentReason, message: string, options?: { cause?: unknown }) {
    super(system, operation, reason, message, options);
    this.refusal = FASTVIEWER_FAULTS[faultCode]?.refusal;
  }
}

export function toConnectorError(system: string, operation: string, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  if (err instanceof XmlRpcFault) {
    const code = err.faultCode ?? SERVER_ERROR;
    const text = `fault ${code}${FASTVIEWER_FAULTS[code] ? ` ${FASTVIEWER_FAULTS[code].name}` : ''}: ${err.faultString ?? 'no fault string'}`;
    if (code === SERVER_ERROR) return new TransientError(system, operation, text, { cause: err });
    return new FastViewerFaultError(system, operation, code, FASTVIEWER_FAULTS[code]?.reason ?? 'rejected', text, { cause: err });
  }
  return fromHttpError(system, operation, err);
}
