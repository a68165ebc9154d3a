import { ConnectorError, PermanentReason } from '../errors';
import { fromSubcodedFault } from '../soap-errors';

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
  return fromSubcodedFault(system, operation, err, reasonByCode);
}
