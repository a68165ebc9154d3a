/**
 * A failure talking to the subsync API that is not one of the typed operation errors
 * (InvalidEventError, EventConflictError, NotFoundError, NothingParkedError): the API is
 * unreachable, the credential is missing or refused (codes "unauthorized" 401 and "forbidden"
 * 403, with `scope`), too many requests ("rate_limited" 429, with `retryAfterSeconds`),
 * Temporal is down (code "temporal_unavailable", status 503), an internal error, or an answer
 * the client cannot read.
 */
export class SubsyncApiError extends Error {
  /** HTTP status, absent when no answer came. */
  readonly status?: number;
  /** The API's error code ("temporal_unavailable", "internal_error", ...). */
  readonly code?: string;
  /** The server's request id, to find the request in its log. */
  readonly requestId?: string;
  /** For "unauthorized" (401) and "forbidden" (403): the scope the operation needs. */
  readonly scope?: string;
  /** For "rate_limited" (429): when to try again. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, details: { status?: number; code?: string; requestId?: string; scope?: string; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'SubsyncApiError';
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.scope = details.scope;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
