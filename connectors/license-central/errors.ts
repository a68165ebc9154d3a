import { ConnectorError, PermanentError, PermanentReason } from '../errors';
import { fromSubcodedFault, soapFaultOf } from '../soap-errors';

/**
 * Maps what the CmLC-API answers onto the connector error types. Its Faults carry the reason as
 * a dotted faultcode subcode (soap:Client.UnknownItem); the codes are the ones in the WSDL's
 * header comment and the simulator's README.
 */
const reasonByCode: Record<string, PermanentReason> = {
  AuthenticationFailed: 'auth',
  InvalidRequest: 'validation',
  UnknownItem: 'not_found',
  UnknownTicket: 'not_found',
  UnknownLicense: 'not_found',
  UnknownUpdate: 'not_found',
  OrderConflict: 'conflict',
  LicenseAlreadyActivated: 'conflict',
  LicenseNotActivated: 'rejected',
  LicenseWithdrawn: 'rejected',
  TicketDisabled: 'rejected',
  ContainerMismatch: 'rejected',
};

/** The CmLC code of a Fault (`UnknownTicket` of `Client.UnknownTicket`), if the answer was one. */
export function cmlcFaultCode(err: unknown): string | undefined {
  const fault = soapFaultOf(err);
  return fault?.code.split('.')[1];
}

/** A PermanentError that says which CmLC code refused the call, for callers that branch on it. */
export class CmLcRefusal extends PermanentError {
  constructor(system: string, operation: string, reason: PermanentReason, readonly code: string, message: string, options?: { cause?: unknown }) {
    super(system, operation, reason, message, options);
  }
}

export function toConnectorError(system: string, operation: string, err: unknown): ConnectorError {
  return fromSubcodedFault(system, operation, err, reasonByCode, (reason, code, message) => new CmLcRefusal(system, operation, reason, code, message, { cause: err }));
}
