/**
 * How the simulated License Central refuses a call: a SOAP 1.1 Fault whose faultcode carries
 * the reason as a dotted subcode (`soap:Client.UnknownItem`), a human faultstring and the
 * offending value in detail. The codes are ours (the CmLC-API reference is not public); the
 * connector maps them by code, never by the wording of the message.
 */
export const ENVELOPE_PREFIX = 'soap';

export const CMLC_FAULT_CODES = {
  AuthenticationFailed: 'Client',
  InvalidRequest: 'Client',
  UnknownItem: 'Client',
  UnknownTicket: 'Client',
  UnknownLicense: 'Client',
  UnknownUpdate: 'Client',
  OrderConflict: 'Client',
  LicenseAlreadyActivated: 'Client',
  LicenseNotActivated: 'Client',
  LicenseWithdrawn: 'Client',
  TicketDisabled: 'Client',
  ContainerMismatch: 'Client',
  InternalError: 'Server',
} as const;
export type CmLcFaultCode = keyof typeof CMLC_FAULT_CODES;

export class CmLcFault extends Error {
  constructor(
    readonly code: CmLcFaultCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  get faultcode(): string {
    return `${ENVELOPE_PREFIX}:${CMLC_FAULT_CODES[this.code]}.${this.code}`;
  }

  /** The shape node-soap's server turns into a SOAP 1.1 Fault; HTTP 401 for refused credentials, else 500. */
  toNodeSoap(): { Fault: Record<string, unknown> } {
    return {
      Fault: {
        faultcode: this.faultcode,
        faultstring: this.message,
        ...(this.detail === undefined ? {} : { detail: this.detail }),
        statusCode: this.code === 'AuthenticationFailed' ? 401 : 500,
      },
    };
  }
}

export const invalid = (field: string, why: string) => new CmLcFault('InvalidRequest', `Invalid value for ${field}: ${why}`, field);
