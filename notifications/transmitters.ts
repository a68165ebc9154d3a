import { isConnectorError, PermanentError, RateLimitedError } from '../connectors/errors';
import type { LicenseNotification, NotificationTarget } from '../connectors/licensing/port';
import { WebhookSender } from '../connectors/webhooks/sender';
import type { WebhookEndpointConfig } from '../connectors/webhooks/config';
import type { Logger } from '../domain/logger';
import type { OutboxMessage, TransmitOutcome, Transmitter } from '../domain/outbox';
import type { CustomTransmission, CustomTransmissionFactory } from './custom';

/**
 * The webhook body, in the shape Standard Webhooks recommends: `type`, `timestamp` (when the
 * event happened, not when it is delivered) and `data`. The same bytes are signed and sent.
 */
export function webhookPayload(message: Pick<OutboxMessage, 'type' | 'occurredAt' | 'data'>): string {
  return JSON.stringify({ type: message.type, timestamp: message.occurredAt, data: message.data });
}

export function webhookTransmitter(endpoint: string, config: Pick<WebhookEndpointConfig, 'url' | 'secrets' | 'timeoutMs' | 'maxSockets'>): Transmitter {
  const sender = new WebhookSender(endpoint, config);
  return {
    endpoint,
    send: (message) => sender.send({ id: message.messageId, payload: webhookPayload(message) }),
    close: async () => sender.close(),
  };
}

/** A notification-target connector (the INFORMATICS SAP module): the message as the port's LicenseNotification. */
export function connectorTransmitter(endpoint: string, target: NotificationTarget): Transmitter {
  return {
    endpoint,
    async send(message) {
      try {
        const receipt = await target.send({ ...(message.data as unknown as LicenseNotification), messageId: message.messageId });
        return { ok: true, receipt: receipt.receiptId };
      } catch (err) {
        return outcomeOfError(err);
      }
    },
  };
}

/** A custom transmission module; created on first use so a slow factory does not hold up the worker's start. */
export function customTransmitter(endpoint: string, factory: CustomTransmissionFactory, options: Record<string, unknown>, logger: Logger): Transmitter {
  let created: Promise<CustomTransmission> | undefined;
  const transmission = () => (created ??= Promise.resolve(factory(options, { endpoint, logger: logger.child({ endpoint }) })));
  return {
    endpoint,
    async send(message) {
      try {
        const result = await (await transmission()).transmit({ messageId: message.messageId, type: message.type, occurredAt: message.occurredAt, data: message.data, attempt: message.attempt });
        return { ok: true, ...(result?.receipt ? { receipt: result.receipt } : {}) };
      } catch (err) {
        return outcomeOfError(err);
      }
    },
    async close() {
      if (created) await (await created).close?.();
    },
  };
}

/**
 * Connector errors as outcomes: a rate limit waits for its Retry-After; a permanent refusal is
 * this message's (except bad credentials, which refuse every message: the endpoint's); anything
 * else means the target is not there now.
 */
export function outcomeOfError(err: unknown): TransmitOutcome {
  const error = err instanceof Error ? err.message : String(err);
  if (err instanceof RateLimitedError) return { ok: false, kind: 'throttled', error, retryAfterMs: err.retryAfterMs };
  if (err instanceof PermanentError) return { ok: false, kind: err.reason === 'auth' ? 'unavailable' : 'rejected', error };
  if (isConnectorError(err)) return { ok: false, kind: 'unavailable', error };
  return { ok: false, kind: 'unavailable', error };
}
