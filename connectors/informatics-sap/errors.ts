import { ConnectorError, PermanentError, PermanentReason, TransientError } from '../errors';
import { fromSoapTransportError, soapFaultOf } from '../soap-errors';

/**
 * Maps what the receiver answers onto the connector error types. Its Faults carry the reason as a
 * dotted faultcode subcode (soap:Client.MessageConflict), as license-notification.wsdl says.
 */
const reasonByCode: Record<string, PermanentReason> = {
  AuthenticationFailed: 'auth',
  InvalidRequest: 'validation',
  MessageConflict: 'conflict',
};

export function toConnectorError(system: string, operation: string, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const fault = soapFaultOf(err);
  if (!fault) return fromSoapTransportError(system, operation, err);
  const [kind, code] = fault.code.split('.');
  const message = `SOAP Fault ${fault.code}: ${fault.message}`;
  if (code !== undefined && reasonByCode[code]) return new PermanentError(system, operation, reasonByCode[code]!, message, { cause: err });
  if (kind === 'Server') return new TransientError(system, operation, message, { cause: err });
  if (fault.status === 401 || fault.status === 403) return new PermanentError(system, operation, 'auth', message, { cause: err });
  return new PermanentError(system, operation, 'rejected', message, { cause: err });
}
