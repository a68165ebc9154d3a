import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { isConnectorError, PermanentError, RateLimitedError } from '../connectors/errors';
import { UnknownConnectorError } from '../connectors/registry';
import type { Logger } from '../domain/logger';

/**
 * Failures are shown to operators (UI, subscriber view): one readable line, never a page. The
 * Temporal server keeps a retrying activity's last failure only up to 4 KB
 * (`limit.mutableStateActivityFailureSize.error`) and shows "Failure exceeds size limit." for a
 * larger one, so message and stack are bounded well below that and no cause chain rides along.
 */
const MAX_MESSAGE = 500;
const MAX_STACK_FRAMES = 8;
const MAX_STACK = 1200;
const bounded = (message: string, max = MAX_MESSAGE) => (message.length > max ? `${message.slice(0, max - 1)}…` : message);

/** The first frames of where the error was thrown (not of where it was mapped), bounded. */
function boundedStack(err: Error, headline: string): string {
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, MAX_STACK_FRAMES);
  return bounded([headline, ...frames].join('\n'), MAX_STACK);
}

function failure(err: Error, options: { type: string; nonRetryable?: boolean; nextRetryDelay?: number; details?: unknown[] }): ApplicationFailure {
  const message = bounded(err.message);
  const f = ApplicationFailure.create({ message, ...options });
  f.stack = boundedStack(err, `${options.type}: ${message}`);
  return f;
}

/**
 * Errors → Temporal failures. Connector errors: transient ones stay retryable (Temporal backs
 * off), a rate limit retries no sooner than the platform asked, permanent ones are
 * non-retryable so the workflow parks the command. Anything unexpected stays retryable under its
 * own name (`TypeError`, ...): a bug fixed and deployed lets the command go through without
 * anyone re-sending it.
 *
 * The connector error's message already names the call and the cause
 * ("intercom.findClients: connect ECONNREFUSED 127.0.0.1:4020"); its cause chain (socket errors
 * with their stacks) goes to the log given here and stays out of the failure.
 */
export function toFailure(err: unknown, logger?: Logger): unknown {
  // Temporal's own (a cancellation, a failure an activity built on purpose) pass as they are.
  if (err instanceof TemporalFailure || !(err instanceof Error)) return err;
  if (logger && err.cause !== undefined) logger.warn({ err }, `${err.message} (full cause chain)`);
  // A name the config does not have: retrying cannot help until someone changes the config.
  if (err instanceof UnknownConnectorError) return failure(err, { type: 'UnknownConnector', nonRetryable: true });
  if (!isConnectorError(err)) return failure(err, { type: err.name || 'Error' });
  switch (err.kind) {
    case 'transient':
      return failure(err, { type: 'Transient' });
    case 'rate_limited': {
      const retryAfterMs = (err as RateLimitedError).retryAfterMs;
      // The delay also rides in the details: a local activity's failure reaches the workflow without nextRetryDelay.
      return failure(err, { type: 'RateLimited', nextRetryDelay: retryAfterMs, details: [{ retryAfterMs }] });
    }
    case 'permanent':
      return failure(err, { type: `Permanent.${(err as PermanentError).reason}`, nonRetryable: true });
  }
}

/** Wraps each activity so that what it throws is mapped by toFailure (and its cause chain logged). */
export function mapFailures<T extends object>(activities: T, logger?: Logger): T {
  return Object.fromEntries(
    Object.entries(activities as Record<string, (...args: unknown[]) => Promise<unknown>>).map(([name, fn]) => [
      name,
      async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (err) {
          throw toFailure(err, logger);
        }
      },
    ]),
  ) as T;
}
