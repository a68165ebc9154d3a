import { z } from 'zod';
import { blockReasonSchema } from '../../domain/events';
import type { AccountObservation, ComponentHealth, HealthReport, HealthSummary, ParkedSummary, PendingActivityView, SubmitEventResponse, SubscriberDetails } from '../operations';
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

/** A Temporal workflow's status, as the API reports runs of the monthly jobs. */
export const workflowStatusSchema = z.enum(['UNSPECIFIED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT', 'PAUSED', 'UNKNOWN']);

/** What every monthly job's Schedule reports (MonthlySchedule in api/operations.ts); each job adds its own fields. */
export const monthlyScheduleShape = {
  scheduleId: z.string(),
  paused: z.boolean(),
  note: z.string().optional(),
  calendar: z.object({ dayOfMonth: z.number().int(), hour: z.number().int(), minute: z.number().int() }),
  timezone: z.string(),
  nextRunTimes: z.array(z.string()),
};

const commandViewShape = { id: z.string(), type: z.string(), receivedAt: z.string(), submittedBy: described('The API credential that sent the event', z.string()).optional() };
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
    audit: described(
      'What was done to this subscriber and who did it, newest first (the last 20): accepted events, retries and skips, reconcile runs',
      z.array(
        named(
          'AuditRecord',
          z.object({
            at: z.string(),
            action: z.string(),
            eventId: z.string().optional(),
            actor: described('The API credential, "<name> (<id>)"; absent when subsync acted on its own', z.string().optional()),
          }),
        ),
      ),
    ),
  }),
);

export const parkedSummarySchema = named(
  'ParkedSummary',
  z.object({ workflowId: z.string(), billing: z.string(), account: z.string(), reason: z.string(), since: z.string().optional() }),
);
export const parkedListSchema = z.array(parkedSummarySchema);

export const healthSummarySchema = named('HealthSummary', z.object({ ok: z.boolean() }));

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
      'invalid_event | invalid_request | unauthorized | forbidden | event_id_conflict | not_found | nothing_parked | route_not_found | method_not_allowed | ' +
        'payload_too_large | unsupported_media_type | request_timeout | rate_limited | temporal_unavailable | upstream_unavailable | upstream_error | internal_error | bad_request; ' +
        'sessions: quota_exceeded | license_blocked | trial_expired | session_state | function_not_available | no_license | session_refused',
      z.string(),
    ),
    message: z.string(),
    issues: described('For invalid_event / invalid_request: one entry per wrong field', z.array(issueSchema).optional()),
    eventId: described('For event_id_conflict', z.string().optional()),
    scope: described('For unauthorized / forbidden: the scope the operation needs', z.string().optional()),
  }),
);
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const accountObservationSchema = named(
  'AccountObservation',
  z.object({
    billing: z.string(),
    account: z.string(),
    stamp: described("The stamp of the account's current state: a hook names its event <billing>:<account>:<type>:<stamp>, as the watcher does", z.string()),
    changed: described('Whether this look found a change not recorded before (and sent it as an event)', z.boolean()),
    event: described('The event this look sent', z.object({ id: z.string(), type: z.string(), outcome: z.enum(['accepted', 'duplicate', 'conflict']) }).optional()),
  }),
);

/** Compile-time checks that a wire schema and its TypeScript type describe the same thing. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Expect<T extends true> = T;
export type WireSchemasMatchTypes = [
  Expect<Same<z.output<typeof subscriberViewSchema>, SubscriberView>>,
  Expect<Same<z.output<typeof submitEventResponseSchema>, SubmitEventResponse>>,
  Expect<Same<z.output<typeof accountObservationSchema>, AccountObservation>>,
  Expect<Same<z.output<typeof pendingActivitySchema>, PendingActivityView>>,
  Expect<Same<z.output<typeof subscriberDetailsSchema>, SubscriberDetails>>,
  Expect<Same<z.output<typeof parkedSummarySchema>, ParkedSummary>>,
  Expect<Same<z.output<typeof componentHealthSchema>, ComponentHealth>>,
  Expect<Same<z.output<typeof healthReportSchema>, HealthReport>>,
  Expect<Same<z.output<typeof healthSummarySchema>, HealthSummary>>,
];

const errorAnswers = {
  400: 'invalid_request / invalid_event: `issues` name each wrong field',
  401: 'unauthorized: no API credential, or an unknown, revoked or expired one (`scope` names the one needed)',
  403: 'forbidden: the credential lacks the scope this operation needs (`scope` names it)',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large: the body is larger than the limit',
  429: 'rate_limited: too many requests for this credential; retry after Retry-After seconds',
  502: 'upstream_error',
  503: 'temporal_unavailable',
} as const;

type ErrorStatus = keyof typeof errorAnswers;

/** The error answers of an operation, each with the Error body; a description given here replaces the default. */
export function errorResponses<C extends ErrorStatus>(codes: readonly C[], descriptions: Partial<Record<C, string>> = {}) {
  return Object.fromEntries(codes.map((code) => [code, jsonResponse(descriptions[code] ?? errorAnswers[code], errorBodySchema)])) as Record<
    C,
    ReturnType<typeof jsonResponse<typeof errorBodySchema>>
  >;
}

/** Every operation behind a credential can answer these. */
export const AUTH_ERRORS = [401, 403, 429] as const;
