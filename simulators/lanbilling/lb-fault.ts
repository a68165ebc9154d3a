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

/** A SOAP 1.1 Fault envelope written by hand, for faults injected before node-soap sees the request. */
export function faultEnvelope(code: string, message: string): string {
  const qualified = code.includes(':') ? code : `${ENVELOPE_PREFIX}:${code}`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<${ENVELOPE_PREFIX}:Envelope xmlns:${ENVELOPE_PREFIX}="http://schemas.xmlsoap.org/soap/envelope/">` +
    `<${ENVELOPE_PREFIX}:Body><${ENVELOPE_PREFIX}:Fault>` +
    `<faultcode>${escapeXml(qualified)}</faultcode><faultstring>${escapeXml(message)}</faultstring>` +
    `</${ENVELOPE_PREFIX}:Fault></${ENVELOPE_PREFIX}:Body></${ENVELOPE_PREFIX}:Envelope>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
