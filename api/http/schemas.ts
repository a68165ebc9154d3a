import { z } from 'zod';
import { blockReasonSchema } from '../../domain/events';
import type { ComponentHealth, HealthReport, ParkedSummary, PendingActivityView, SubmitEventResponse, SubscriberDetails } from '../operations';
import type { SubscriberView } from '../../workflows/definitions';

/**
 * What goes over the wire, as zod schemas. The API validates and serialises with them and
 * derives its OpenAPI document from them; the TypeScript client parses answers with them.
 * The type checks at the bottom keep them equal to the types in client/operations.ts and
 * workflows/definitions.ts, so a change there fails the build here instead of drifting.
 */

/**
 * Names and descriptions for the OpenAPI document, kept in a registry of our own rather than
 * zod's global one. Named schemas become components of the document.
 */
export const apiSchemaRegistry = z.registry<{ id?: string; description?: string }>();
export function named<T extends z.ZodType>(id: string, schema: T): T {
  apiSchemaRegistry.add(schema, { id });
  return schema;
}
export function described<T extends z.ZodType>(description: string, schema: T): T {
  apiSchemaRegistry.add(schema, { description });
  return schema;
}

/** A JSON response with its own description in the OpenAPI document. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

const lifecycleStatusSchema = z.enum(['new', 'active', 'blocked', 'disabled']);

const commandViewShape = { id: z.string(), type: z.string(), receivedAt: z.string() };
const commandViewSchema = named('Command', z.object(commandViewShape));

const subscriberViewShape = {
  key: z.object({ billing: z.string(), account: z.string() }),
  status: lifecycleStatusSchema,
  blockReason: blockReasonSchema.optional(),
  login: z.string().optional(),
  platforms: z.array(
    named(
      'PlatformState',
      z.object({
        platform: z.string(),
        service: z.string(),
        attached: z.boolean(),
        login: z.string().optional(),
        profileId: z.string().optional(),
        attachmentId: z.string().optional(),
        capabilities: z.array(z.string()),
        subscriptionId: z.string().optional(),
        detail: described("The service kind's own view of the platform (TV: packages and set-top boxes)", z.record(z.string(), z.unknown())).optional(),
        summary: described('One line for operators', z.string()).optional(),
      }),
    ),
  ),
  charges: z.array(
    named(
      'Charge',
      z.object({
        service: z.string(),
        lastChargedPeriod: z.string().optional(),
        unpaid: z.object({ period: z.string(), amount: z.number() }).optional(),
        nextChargeAt: z.string().optional(),
      }),
    ),
  ),
  current: commandViewSchema.optional(),
  pending: z.array(commandViewSchema),
  parked: named('ParkedCommand', z.object({ ...commandViewShape, reason: z.string(), errorType: z.string().optional(), since: z.string() })).optional(),
  recent: z.array(named('AppliedCommand', z.object({ ...commandViewShape, outcome: z.enum(['applied', 'skipped']), at: z.string() }))),
};
const subscriberViewSchema = named('Subscriber', z.object(subscriberViewShape));

export const eventStatusSchema = z.enum(['applied', 'skipped', 'queued', 'parked', 'unknown']);

export const submitEventResponseSchema = named(
  'SubmitEventResponse',
  z.object({
    eventId: z.string(),
    workflowId: z.string(),
    outcome: z.enum(['accepted', 'duplicate']),
    position: described('Commands queued before this one when it was accepted (0 = next)', z.number().int()),
    delivery: described('pending: recorded, not yet handed to Temporal (no worker answered in time); it will be, in order', z.literal('pending')).optional(),
    status: described('With wait=true: what became of the event before the wait ended', eventStatusSchema.optional()),
    subscriber: subscriberViewSchema.optional(),
  }),
);

const pendingActivitySchema = named(
  'RetryingActivity',
  z.object({
    activityType: z.string(),
    attempt: z.number().int(),
    state: z.string(),
    lastFailure: z.string().optional(),
    nextAttemptAt: z.string().optional(),
  }),
);

export const subscriberDetailsSchema = named(
  'SubscriberDetails',
  z.object({
    ...subscriberViewShape,
    workflowId: z.string(),
    runId: z.string(),
    retrying: described('Activities Temporal is retrying now, with their last failure', z.array(pendingActivitySchema)),
    links: z.array(z.object({ platform: z.string(), login: z.string(), profileId: z.string(), attachmentId: z.string(), updatedAt: z.string() })),
    ledger: z.array(z.object({ service: z.string(), period: z.string(), amount: z.string(), status: z.string(), chargeId: z.string().nullable().optional() })),
  }),
);

export const parkedSummarySchema = named(
  'ParkedSummary',
  z.object({ workflowId: z.string(), billing: z.string(), account: z.string(), reason: z.string(), since: z.string().optional() }),
);
export const parkedListSchema = z.array(parkedSummarySchema);

const componentHealthSchema = named('ComponentHealth', z.object({ ok: z.boolean(), error: z.string().optional(), latencyMs: z.number().optional() }));
/** The outbox's backlog and failures per endpoint (api/notification-operations.ts). */
export const notificationHealthSchema = named(
  'NotificationHealth',
  z.object({
    pending: z.number().int(),
    failed: z.number().int(),
    endpoints: z.array(z.object({ name: z.string(), enabled: z.boolean(), pending: z.number().int(), failed: z.number().int(), disabledReason: z.string().optional() })),
  }),
);
export const healthReportSchema = named(
  'HealthReport',
  z.object({
    ok: z.boolean(),
    temporal: componentHealthSchema,
    store: componentHealthSchema,
    connectors: z.record(z.string(), componentHealthSchema),
    notifications: notificationHealthSchema.optional(),
  }),
);

export const resolveParkedResponseSchema = named('ResolveParkedResponse', z.object({ commandId: z.string(), action: z.enum(['retry', 'skip']) }));

export const issueSchema = z.object({ path: described('The wrong field, dotted ("amount"); "(event)" or "(body)" for the body as a whole', z.string()), message: z.string() });

/** Every error answer has this shape; `error` is a stable code clients switch on. */
export const errorBodySchema = named(
  'Error',
  z.object({
    error: described(
      'invalid_event | invalid_request | event_id_conflict | not_found | nothing_parked | route_not_found | temporal_unavailable | upstream_unavailable | upstream_error | internal_error | bad_request',
      z.string(),
    ),
    message: z.string(),
    issues: described('For invalid_event / invalid_request: one entry per wrong field', z.array(issueSchema).optional()),
    eventId: described('For event_id_conflict', z.string().optional()),
  }),
);
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const submitEventQuerySchema = z.object({
  wait: described('"true": answer once the event is applied (or the timeout ends)', z.stringbool().optional()),
  timeoutMs: described('How long wait=true waits, in milliseconds', z.coerce.number().int().positive().max(300_000).optional()),
});

export const subscriberParamsSchema = z.object({ billing: z.string().min(1), account: z.string().min(1) });

/** Optional: a POST with no body at all is a decision without by/note. */
export const operatorDecisionBodySchema = z
  .object({ by: described('Who decided, for the audit trail', z.string().trim().min(1).max(200).optional()), note: z.string().max(2000).optional() })
  .nullish();

/** Compile-time checks that a wire schema and its TypeScript type describe the same thing. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Expect<T extends true> = T;
export type WireSchemasMatchTypes = [
  Expect<Same<z.output<typeof subscriberViewSchema>, SubscriberView>>,
  Expect<Same<z.output<typeof submitEventResponseSchema>, SubmitEventResponse>>,
  Expect<Same<z.output<typeof pendingActivitySchema>, PendingActivityView>>,
  Expect<Same<z.output<typeof subscriberDetailsSchema>, SubscriberDetails>>,
  Expect<Same<z.output<typeof parkedSummarySchema>, ParkedSummary>>,
  Expect<Same<z.output<typeof componentHealthSchema>, ComponentHealth>>,
  Expect<Same<z.output<typeof healthReportSchema>, HealthReport>>,
];
