import { ApplicationFailure } from '@temporalio/common';
import { isConnectorError, PermanentError, RateLimitedError } from '../connectors/errors';

/**
 * Connector errors → Temporal failures. Transient ones stay retryable (Temporal backs off),
 * a rate limit retries no sooner than the platform asked, permanent ones are non-retryable
 * so the workflow parks the command. Anything unexpected stays retryable: a bug fixed and
 * deployed lets the command go through without anyone re-sending it.
 */
export function toFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure || !isConnectorError(err)) return err;
  switch (err.kind) {
    case 'transient':
      return ApplicationFailure.create({ message: err.message, type: 'Transient', cause: err });
    case 'rate_limited':
      return ApplicationFailure.create({ message: err.message, type: 'RateLimited', nextRetryDelay: (err as RateLimitedError).retryAfterMs, cause: err });
    case 'permanent':
      return ApplicationFailure.create({ message: err.message, type: `Permanent.${(err as PermanentError).reason}`, nonRetryable: true, cause: err });
  }
}

/** Wraps each activity so that what it throws is mapped by toFailure. */
export function mapFailures<T extends object>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities as Record<string, (...args: unknown[]) => Promise<unknown>>).map(([name, fn]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          throw toFailure(err);
        }
      },
    ]),
  ) as T;
}
