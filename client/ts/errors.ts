/**
 * A failure talking to the subsync API that is not one of the typed operation errors
 * (InvalidEventError, EventConflictError, NotFoundError, NothingParkedError): the API is
 * unreachable, Temporal is down (code "temporal_unavailable", status 503), an internal error,
 * or an answer the client cannot read.
 */
export class SubsyncApiError extends Error {
  /** HTTP status, absent when no answer came. */
  readonly status?: number;
  /** The API's error code ("temporal_unavailable", "internal_error", ...). */
  readonly code?: string;
  /** The server's request id, to find the request in its log. */
  readonly requestId?: string;

  constructor(message: string, details: { status?: number; code?: string; requestId?: string; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'SubsyncApiError';
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
  }
}
