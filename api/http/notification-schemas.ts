import { z } from 'zod';
import type {
  NotificationAttemptView,
  NotificationDeliveryView,
  NotificationEndpointView,
  NotificationMessageView,
} from '../notification-operations';
import { described, Expect, named, notificationHealthSchema, Same } from './schemas';

/**
 * Wire schemas of the notification routes (/v1/notifications). The API validates and documents
 * with them, the TypeScript client parses with them; the checks at the bottom keep them equal to
 * the types in api/notification-operations.ts.
 */

const isoTime = described('ISO 8601', z.string());
const name = z.string().regex(/^[a-z][\w-]*$/, 'an endpoint name from the config');

export const notificationEndpointSchema = named(
  'NotificationEndpoint',
  z.object({
    name: z.string(),
    type: z.enum(['webhook', 'connector', 'custom']),
    target: described('The webhook URL, the connector platform, or the custom module', z.string()),
    modules: z.array(z.string()),
    enabled: described('Delivering now: enabled in the config and not disabled by an operator, a 410 or days of failures', z.boolean()),
    enabledInConfig: z.boolean(),
    disabledReason: z.string().optional(),
    disabledAt: isoTime.optional(),
    failingSince: described('Failing without a break since then (the endpoint backs off)', isoTime).optional(),
    pausedUntil: described('No message is tried before then (backoff, or the Retry-After it asked for)', isoTime).optional(),
    pending: z.number().int(),
    due: described('Pending whose next attempt time has come', z.number().int()),
    failed: described('Given up after the retry schedule; recover them, or resend one', z.number().int()),
    delivered: z.number().int(),
    oldestPendingAt: isoTime.optional(),
  }),
);
export const notificationEndpointListSchema = z.array(notificationEndpointSchema);

const deliveryStatusSchema = z.enum(['pending', 'delivered', 'failed', 'superseded']);

export const notificationDeliverySchema = named(
  'NotificationDelivery',
  z.object({
    endpoint: z.string(),
    messageId: described('The webhook-id: the same on every attempt and resend', z.string()),
    type: z.string(),
    orderKey: described('Messages with the same key reach an endpoint in order', z.string()),
    status: deliveryStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: isoTime.optional(),
    lastAttemptAt: isoTime.optional(),
    deliveredAt: isoTime.optional(),
    lastStatus: described('HTTP status of the last attempt', z.number().int()).optional(),
    lastError: z.string().optional(),
    createdAt: isoTime,
  }),
);
export const notificationDeliveryListSchema = z.array(notificationDeliverySchema);

const attemptSchema = named(
  'NotificationAttempt',
  z.object({
    endpoint: z.string(),
    attempt: z.number().int(),
    at: isoTime,
    durationMs: z.number(),
    outcome: z.enum(['delivered', 'unavailable', 'rejected', 'gone', 'throttled']),
    statusCode: z.number().int().optional(),
    error: z.string().optional(),
    receipt: z.string().optional(),
  }),
);

export const notificationMessageSchema = named(
  'NotificationMessage',
  z.object({
    messageId: z.string(),
    source: z.string(),
    feed: z.string(),
    type: z.string(),
    orderKey: z.string(),
    occurredAt: isoTime,
    createdAt: isoTime,
    data: z.record(z.string(), z.unknown()),
    deliveries: z.array(notificationDeliverySchema),
    attempts: described('The attempt log: every attempt to every endpoint, oldest first', z.array(attemptSchema)),
  }),
);

export const endpointParamsSchema = z.object({ name });
export const messageParamsSchema = z.object({ messageId: z.string().min(1) });
export const endpointNoteBodySchema = z.strictObject({ note: described('Why, kept as the reason', z.string().max(500).optional()) });
export const resendBodySchema = z.strictObject({ endpoint: described('Only to this endpoint (default: every endpoint the message went to)', name.optional()) });
export const resendResponseSchema = named('NotificationResend', z.object({ messageId: z.string(), endpoints: z.array(z.string()) }));
export const recoverBodySchema = z.strictObject({ since: described('Messages stored at or after this date or time (ISO 8601)', z.string().min(10)) });
export const recoverResponseSchema = named('NotificationRecovery', z.object({ endpoint: z.string(), since: isoTime, recovered: z.number().int() }));
export const deliveriesQuerySchema = z.object({
  status: described('pending: the backlog, oldest first; failed: given up, newest first', z.enum(['pending', 'failed'])),
  endpoint: name.optional(),
  since: described('Stored at or after (ISO 8601)', z.string().min(10).optional()),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export type TypeChecks = [
  Expect<Same<z.output<typeof notificationEndpointSchema>, NotificationEndpointView>>,
  Expect<Same<z.output<typeof notificationDeliverySchema>, NotificationDeliveryView>>,
  Expect<Same<z.output<typeof attemptSchema>, NotificationAttemptView>>,
  Expect<Same<z.output<typeof notificationMessageSchema>, NotificationMessageView>>,
];
