import { ApplicationFailure } from '@temporalio/common';
import { isConnectorError, PermanentError, RateLimitedError } from '../connectors/errors';
import { UnknownConnectorError } from '../connectors/registry';

/** Failures are shown to operators (UI, subscriber view): one readable line, never a page. */
const MAX_MESSAGE = 500;
const bounded = (message: string) => (message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message);

/**
 * Connector errors → Temporal failures. Transient ones stay retryable (Temporal backs off),
 * a rate limit retries no sooner than the platform asked, permanent ones are non-retryable
 * so the workflow parks the command. Anything unexpected stays retryable: a bug fixed and
 * deployed lets the command go through without anyone re-sending it.
 *
 * The connector error's message already names the call and the cause
 * ("intercom.findClients: connect ECONNREFUSED"); its cause chain (socket errors with stacks)
 * stays in the logs and out of the failure, which Temporal stores and caps in size.
 */
export function toFailure(err: unknown): unknown {
  // A name the config does not have: retrying cannot help until someone changes the config.
  if (err instanceof UnknownConnectorError) return ApplicationFailure.nonRetryable(bounded(err.message), 'UnknownConnector');
  if (err instanceof ApplicationFailure || !isConnectorError(err)) return err;
  switch (err.kind) {
    case 'transient':
      return ApplicationFailure.create({ message: bounded(err.message), type: 'Transient' });
    case 'rate_limited':
      // The delay also rides in the details: a local activity's failure reaches the workflow without nextRetryDelay.
      return ApplicationFailure.create({ message: bounded(err.message), type: 'RateLimited', nextRetryDelay: (err as RateLimitedError).retryAfterMs, details: [{ retryAfterMs: (err as RateLimitedError).retryAfterMs }] });
    case 'permanent':
      return ApplicationFailure.create({ message: bounded(err.message), type: `Permanent.${(err as PermanentError).reason}`, nonRetryable: true });
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
