/**
 * The typed errors every connector throws. Activities map them onto Temporal's
 * ApplicationFailure (see activities/failures.ts): transient ones are retried with
 * backoff, rate limits after the platform's Retry-After, permanent ones park the
 * command for an operator. A connector never throws anything else on purpose.
 */
export type PermanentReason = 'validation' | 'not_found' | 'conflict' | 'auth' | 'rejected';

export abstract class ConnectorError extends Error {
  abstract readonly kind: 'transient' | 'rate_limited' | 'permanent';
  constructor(
    /** Connector name, e.g. "lanbilling" or "intercom". */
    readonly system: string,
    /** Operation that failed, e.g. "getVgroups" or "createClient". */
    readonly operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${system}.${operation}: ${message}`, options);
    this.name = new.target.name;
  }
}

/** Network failure, timeout, 5xx: the same call may succeed later. */
export class TransientError extends ConnectorError {
  readonly kind = 'transient' as const;
}

/** The platform asked us to slow down; retry no sooner than retryAfterMs. */
export class RateLimitedError extends ConnectorError {
  readonly kind = 'rate_limited' as const;
  constructor(system: string, operation: string, readonly retryAfterMs: number, message = 'rate limited', options?: { cause?: unknown }) {
    super(system, operation, message, options);
  }
}

/** Retrying cannot help (bad data, missing entity, conflict, bad credentials): an operator must decide. */
export class PermanentError extends ConnectorError {
  readonly kind = 'permanent' as const;
  constructor(system: string, operation: string, readonly reason: PermanentReason, message: string, options?: { cause?: unknown }) {
    super(system, operation, message, options);
  }
}

export function isConnectorError(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError;
}
