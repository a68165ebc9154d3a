import { z } from 'zod';
import type { SessionRecord, UsageRunStarted, UsageRunStatus, UsageSchedule, UsageSummary } from '../operations';
import { described, Expect, monthlyScheduleShape, named, Same, workflowStatusSchema } from './schemas';

/**
 * Wire schemas of sessions (booked and controlled on a subscriber's license) and of month-end
 * usage billing. Same rules as schemas.ts: the API validates and documents with them, the client
 * parses with them, and the checks at the bottom keep them equal to the types in api/operations.ts.
 */

const isoTime = z.iso.datetime({ offset: true });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

// Sessions

export const sessionRecordSchema = named(
  'Session',
  z.object({
    sessionId: described("The platform's session number", z.string()),
    service: z.string(),
    platform: z.string(),
    resourceId: described('What the session runs on at the platform (the license number)', z.string()),
    status: z.enum(['booked', 'running', 'ended', 'cancelled']),
    subject: z.string().optional(),
    plannedStart: z.string().optional(),
    plannedMinutes: z.number().int().optional(),
    reference: described("The caller's reference: booking again with it returns this session", z.string().optional()),
    bookedAt: z.string(),
    startedAt: z.string().optional(),
    endedAt: z.string().optional(),
    durationSeconds: described('Seconds so far while running; the billed duration once ended', z.number().int()),
    recording: z.boolean(),
    lastAction: described('The call that showed this state: book, read, start, end, cancel, recording.start, recording.stop', z.enum(['book', 'read', 'start', 'end', 'cancel', 'recording.start', 'recording.stop'])),
    recordedAt: z.string(),
  }),
);
export const sessionListSchema = z.array(sessionRecordSchema);

export const bookSessionRequestSchema = z
  .strictObject({
    service: described('The service to book on, when the subscriber has more than one with sessions', z.string().min(1).optional()),
    subject: z.string().trim().min(1).max(200).optional(),
    plannedStart: described('ISO 8601', isoTime.optional()),
    plannedMinutes: z.number().int().min(1).max(24 * 60).optional(),
    reference: described('Your reference: the same reference books once (send one to make retries safe)', z.string().trim().min(1).max(100).optional()),
  });

// Usage billing

const itemPreviewSchema = named(
  'UsageItem',
  z.object({
    resourceId: described('The item (child license)', z.string()),
    sessions: z.number().int(),
    seconds: z.number().int(),
    amount: described('Cents', z.number().int()),
    idempotencyKey: z.string(),
    existing: described('Charged already by an earlier run of the month', z.boolean().optional()),
  }),
);
const itemFailureSchema = named('UsageItemFailure', z.object({ resourceId: z.string(), errorType: z.string(), reason: z.string() }));

const parentShape = {
  month: z.string(),
  service: z.string(),
  parent: described('The parent (parent license) whose children are billed', z.string()),
  billing: z.string(),
  account: described('The billing account holding the parent: the one charged', z.string()),
  agreement: z.string(),
  items: z.number().int(),
  sessions: z.number().int(),
  seconds: z.number().int(),
  amount: described('Cents, every item', z.number().int()),
  charged: described('Items charged by this run (dry run: that would be)', z.number().int()),
  chargedAmount: described('Cents', z.number().int()),
  existing: described('Items an earlier run of the month charged', z.number().int()),
  existingAmount: described('Cents', z.number().int()),
  unpaid: described('Items billing refused for insufficient funds (a re-run tries them again)', z.number().int()),
  unpaidAmount: described('Cents', z.number().int()),
  zero: described('Items whose use rounds to 0.00', z.number().int()),
  failed: described('Items billing refused for another reason', z.number().int()),
  failures: z.array(itemFailureSchema),
  sample: described('Dry run: the first items (at most 20)', z.array(itemPreviewSchema).optional()),
  error: described('Why the parent could not be billed (further): unknown at the platform, billing refusing our credentials; the run went on with the others', z.string().optional()),
};
const parentSummarySchema = named('UsageParentSummary', z.object(parentShape));

const usageResultSchema = named(
  'UsageBillingResult',
  z.object({ month: z.string(), from: z.string(), to: z.string(), dryRun: z.boolean(), parents: z.array(parentSummarySchema), pages: z.number().int(), startedAt: z.string(), finishedAt: z.string() }),
);

const usageProgressSchema = named(
  'UsageBillingProgress',
  z.object({
    month: z.string(),
    from: z.string(),
    to: z.string(),
    dryRun: z.boolean(),
    phase: z.enum(['billing', 'done']),
    pages: z.number().int(),
    generation: z.number().int(),
    parents: z.array(z.object({ ...parentShape, done: z.boolean() })),
  }),
);

export const usageRunRequestSchema = z
  .strictObject({
    month: described('YYYY-MM; default: last month', month.optional()),
    dryRun: described('Charge nothing; the result lists what would be charged', z.boolean().optional()),
    service: described('One service only (default: every one usage billing is configured for)', z.string().min(1).optional()),
  });

export const usageRunStartedSchema = named('UsageRunStarted', z.object({ workflowId: z.string(), runId: z.string(), month: z.string(), dryRun: z.boolean() }));

export const usageRunStatusSchema = named(
  'UsageRunStatus',
  z.object({
    workflowId: z.string(),
    runId: z.string(),
    status: workflowStatusSchema,
    progress: described('While it runs', usageProgressSchema.optional()),
    result: described('Once completed: a summary per parent', usageResultSchema.optional()),
    failure: z.string().optional(),
  }),
);

export const usageSummarySchema = named(
  'UsageSummary',
  z.object({
    month: z.string(),
    service: z.string(),
    parent: z.string(),
    billing: z.string(),
    account: z.string(),
    agreement: z.string(),
    items: z.number().int(),
    sessions: z.number().int(),
    seconds: z.number().int(),
    amount: described('Decimal, billing currency', z.string()),
    charged: z.number().int(),
    chargedAmount: z.string(),
    existing: z.number().int(),
    existingAmount: z.string(),
    unpaid: z.number().int(),
    unpaidAmount: z.string(),
    zero: z.number().int(),
    failed: z.number().int(),
    error: z.string().optional(),
    workflowId: z.string(),
    finishedAt: z.string(),
  }),
);
export const usageSummaryListSchema = z.array(usageSummarySchema);
export const usageSummaryQuerySchema = z.object({ month: described('YYYY-MM', month) });

export const usageScheduleSchema = named(
  'UsageSchedule',
  z.object({
    ...monthlyScheduleShape,
    recentRuns: z.array(z.object({ workflowId: z.string(), scheduledAt: z.string(), takenAt: z.string() })),
  }),
);

export type SessionSchemasMatchTypes = [
  Expect<Same<z.output<typeof sessionRecordSchema>, SessionRecord>>,
  Expect<Same<z.output<typeof usageRunStartedSchema>, UsageRunStarted>>,
  Expect<Same<z.output<typeof usageRunStatusSchema>, UsageRunStatus>>,
  Expect<Same<z.output<typeof usageSummarySchema>, UsageSummary>>,
  Expect<Same<z.output<typeof usageScheduleSchema>, UsageSchedule>>,
];
