/**
 * LANBilling answers errors as SOAP 1.1 Faults (its core is a gSOAP server): faultcode
 * SOAP-ENV:Client for the caller's mistakes, SOAP-ENV:Server for its own, a human faultstring
 * and the offending field (if any) in detail. The simulator keeps the faultstrings recognisable
 * ("... not found", "Invalid value for <field>", "Insufficient funds", "Session expired or not
 * authorized") because that is all a client can go by.
 */
export const ENVELOPE_PREFIX = 'SOAP-ENV';

export class LbFault extends Error {
  constructor(
    readonly faultcode: 'Client' | 'Server',
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  /** The shape node-soap's server turns into a SOAP 1.1 Fault with HTTP 500. */
  toNodeSoap(): { Fault: Record<string, unknown> } {
    return {
      Fault: {
        faultcode: `${ENVELOPE_PREFIX}:${this.faultcode}`,
        faultstring: this.message,
        ...(this.detail === undefined ? {} : { detail: this.detail }),
        statusCode: 500,
      },
    };
  }
}

export const notAuthorized = () => new LbFault('Client', 'Session expired or not authorized');
export const badCredentials = () => new LbFault('Client', 'Invalid login or password');
export const notFound = (what: string, id: number | string) => new LbFault('Client', `${what} ${id} not found`, String(id));
export const invalid = (field: string, why: string) => new LbFault('Client', `Invalid value for ${field}: ${why}`, field);
export const alreadyExists = (what: string, field: string, value: string) =>
  new LbFault('Client', `${what} with ${field} "${value}" already exists`, field);
