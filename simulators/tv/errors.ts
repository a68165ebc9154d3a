/**
 * A failure the simulated platform reports. The model speaks in kinds and subjects
 * ("not_found" + "subscriber"); each flavour renders that in its own protocol's error form
 * (Beenius SUBSCRIBER_NOT_FOUND, NEO usuario_nao_encontrado, MCR in-body errors, ...).
 */
export type SimErrorKind = 'not_found' | 'conflict' | 'validation' | 'auth' | 'not_acceptable' | 'unsupported_media_type';

export class SimError extends Error {
  constructor(
    readonly kind: SimErrorKind,
    /** What the error is about: subscriber, package, device, login, body, credentials, ... */
    readonly subject: string,
    message: string,
    /** The request field at fault, when there is one. */
    readonly field?: string,
    /** The vendor's own error code when a flavour needs one the kind/subject pair cannot express. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SimError';
  }
}

export const httpStatusOf: Record<SimErrorKind, number> = {
  not_found: 404,
  conflict: 409,
  validation: 422,
  auth: 401,
  not_acceptable: 406,
  unsupported_media_type: 415,
};
