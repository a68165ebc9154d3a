import { ConnectorError, PermanentError, PermanentReason } from '../errors';
import { fromSoapTransportError, soapFaultOf } from '../soap-errors';

/**
 * Maps what node-soap throws onto the connector error types. api3 reports every refusal as
 * a SOAP Fault whose only structure is faultcode/faultstring/detail, so the reason is read
 * from the faultstring; the HTTP layer (down, 5xx, 429, timeouts) is mapped like REST.
 */

const SESSION_LOST = /session expired|not authori[sz]ed/i;

const reasonPatterns: [RegExp, PermanentReason][] = [
  [SESSION_LOST, 'auth'],
  [/invalid login or password|access denied|permission/i, 'auth'],
  [/not found/i, 'not_found'],
  [/already exists|already taken|duplicate/i, 'conflict'],
  [/invalid value|invalid|must |required/i, 'validation'],
];

/** The fault api3 answers when the sessnum cookie is missing, unknown or idle too long. */
export function isSessionLost(err: unknown): boolean {
  const fault = soapFaultOf(err);
  return fault !== undefined && SESSION_LOST.test(fault.message);
}

export function toConnectorError(system: string, operation: string, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const fault = soapFaultOf(err);
  if (!fault) return fromSoapTransportError(system, operation, err);
  const reason = reasonPatterns.find(([pattern]) => pattern.test(fault.message))?.[1] ?? 'rejected';
  return new PermanentError(system, operation, reason, `SOAP Fault ${fault.code}: ${fault.message}`, { cause: err });
}
