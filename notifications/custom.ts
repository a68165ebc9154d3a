import path from 'node:path';
import type { Logger } from '../domain/logger';

/**
 * Custom transmission: a TypeScript module of your own takes the notifications (to match your
 * templates, or to hand them to another service) and implements this one interface. Name it in
 * the config (`notifications.endpoints.<name> = { type: 'custom', module, options }`); it must
 * export `createTransmission` (or a default export) of type `CustomTransmissionFactory`.
 *
 * Deliveries to it keep the outbox's guarantees: in order per key, retried on its schedule,
 * each message with a stable `messageId` (use it to drop a repeat). To say why a notification
 * did not go through, throw one of the connector errors (`connectors/errors.ts`):
 * `TransientError` (try again later), `RateLimitedError` (not before `retryAfterMs`),
 * `PermanentError` (this notification is refused; it is retried on its own schedule and then
 * given up, the others go on). Any other error counts as the target being unavailable.
 */
export interface CustomNotification {
  /** Stable across retries: the idempotency key. */
  messageId: string;
  /** e.g. `order.created`, `license.updated`, `activation.transaction`, `activation.status`. */
  type: string;
  /** When it happened at the license server (ISO 8601). */
  occurredAt: string;
  /** The module's data (the license server's change, or the transaction / status built from it). */
  data: Record<string, unknown>;
  /** This endpoint's attempt number for this message, from 1. */
  attempt: number;
}

export interface CustomTransmission {
  /** Resolves once the notification is taken; an optional receipt is kept in the attempt log. */
  transmit(notification: CustomNotification): Promise<void | { receipt?: string }>;
  close?(): Promise<void>;
}

export interface CustomTransmissionContext {
  endpoint: string;
  logger: Logger;
}

export type CustomTransmissionFactory = (options: Record<string, unknown>, context: CustomTransmissionContext) => CustomTransmission | Promise<CustomTransmission>;

/** Loads the module named in the config and returns its factory; a clear error names what is wrong. */
export function loadCustomTransmission(modulePath: string, endpoint: string): CustomTransmissionFactory {
  const resolved = path.resolve(modulePath);
  let mod: { createTransmission?: unknown; default?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(resolved);
  } catch (err) {
    throw new Error(`notifications.endpoints.${endpoint}.module: cannot load ${resolved}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const factory = mod.createTransmission ?? (typeof mod.default === 'function' ? mod.default : (mod.default as { createTransmission?: unknown } | undefined)?.createTransmission);
  if (typeof factory !== 'function') throw new Error(`notifications.endpoints.${endpoint}.module: ${resolved} exports no createTransmission function (nor a default one)`);
  return factory as CustomTransmissionFactory;
}
