import { z } from 'zod';
import type {
  InvoicingBackfill,
  InvoicingRunStarted,
  InvoicingRunStatus,
  InvoicingSchedule,
  ReconcileRun,
  ScheduledInvoicingRun,
  StbImportResult,
} from '../operations';
import { described, Expect, monthlyScheduleShape, named, Same, workflowStatusSchema } from './schemas';

/**
 * Wire schemas of the operator routes: reconcile, TV invoicing and its Schedule, set-top box
 * import. Same rules as schemas.ts: the API validates and documents with them, the client parses
 * with them, and the checks at the bottom keep them equal to the types in client/operations.ts.
 */

// Reconcile

const driftSchema = named(
  'Drift',
  z.object({
    account: z.string(),
    platform: z.string(),
    subscription: described("Billing's subscription (TV contracted plan), when the platform holds one per plan", z.string().optional()),
    steps: described('The platform calls that would make it match billing, e.g. "tv.addExtra telecine"', z.array(z.string())),
  }),
);

const reconcileSummarySchema = named(
  'ReconcileSummary',
  z.object({
    billing: z.string(),
    repair: z.boolean(),
    accounts: described('Accounts to check', z.number().int()),
    checked: z.number().int(),
    drifted: described('Accounts with at least one drift', z.number().int()),
    repairsRequested: described('Drifted accounts sent a sync event (repair only)', z.number().int()),
    skipped: described('Accounts that could not be compared', z.number().int()),
    drift: described('The first drifts found (at most 200)', z.array(driftSchema)),
    skippedAccounts: z.array(z.object({ account: z.string(), reason: z.string() })),
  }),
);

export const reconcileRunSchema = named(
  'ReconcileRun',
  z.object({
    workflowId: z.string(),
    status: workflowStatusSchema,
    summary: described('Totals so far while it runs; the final totals once completed', reconcileSummarySchema.optional()),
    duplicates: described(
      'Once the run ended: running subscriber workflows of this billing system that reach one account under different spellings ("07" and "7"); keep the canonical one, terminate the others',
      z.array(named('DuplicateSubscribers', z.object({ billing: z.string(), account: z.string(), workflowIds: z.array(z.string()) }))).optional(),
    ),
    failure: described('Why it failed, was terminated or timed out', z.string().optional()),
  }),
);

// TV invoicing

const parkedCustomerSchema = named(
  'InvoicingParkedCustomer',
  z.object({ customerId: z.string(), customerName: z.string(), contractedPlanId: z.string(), errorType: z.string(), reason: z.string() }),
);

const eventPreviewSchema = named(
  'InvoicingEventPreview',
  z.object({
    customerId: z.string(),
    customerName: z.string(),
    contractedPlanId: z.string(),
    items: z.array(z.object({ packageId: z.string(), name: z.string(), price: described('Centavos', z.number()) })),
    total: described('Centavos', z.number()),
  }),
);

const invoicingSummarySchema = named(
  'InvoicingSummary',
  z.object({
    billing: z.string(),
    dueDate: z.string(),
    dryRun: z.boolean(),
    customers: described('Customer plans with charged extras', z.number().int()),
    eventsCreated: described('Billing events saved (dry run: that would be saved)', z.number().int()),
    eventsExisting: described('Events billing already had for the due date', z.number().int()),
    createdValue: described('Centavos', z.number()),
    totalValue: described('Centavos, created + existing', z.number()),
    totalValueFormatted: z.string(),
    parkedCount: z.number().int(),
    parked: z.array(parkedCustomerSchema),
    sample: described('Dry run: the first events that would be saved (at most 20)', z.array(eventPreviewSchema).optional()),
    pages: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string(),
  }),
);

const trackingSchema = named(
  'InvoicingTracking',
  z.object({
    pending: z.number().int(),
    processed: z.number().int(),
    pendingValue: z.number(),
    processedValue: z.number(),
    checks: z.number().int(),
    lastCheckedAt: z.string(),
    outcome: z.enum(['all_processed', 'gave_up']).optional(),
  }),
);

const invoicingProgressSchema = named(
  'InvoicingProgress',
  z.object({
    billing: z.string(),
    dueDate: z.string(),
    dryRun: z.boolean(),
    phase: z.enum(['invoicing', 'tracking', 'done']),
    pagesDone: z.number().int(),
    customersDone: z.number().int(),
    eventsCreated: z.number().int(),
    eventsExisting: z.number().int(),
    createdValue: z.number(),
    totalValue: z.number(),
    totalValueFormatted: z.string(),
    parkedCount: z.number().int(),
    parked: z.array(parkedCustomerSchema),
    cursor: z.string().optional(),
    generation: z.number().int(),
    summary: invoicingSummarySchema.optional(),
    tracking: trackingSchema.optional(),
  }),
);

export const invoicingRunStartedSchema = named(
  'InvoicingRunStarted',
  z.object({ workflowId: z.string(), runId: z.string(), billing: z.string(), dueDate: z.string(), dryRun: z.boolean() }),
);

export const invoicingRunStatusSchema = named(
  'InvoicingRunStatus',
  z.object({
    workflowId: z.string(),
    runId: z.string(),
    status: workflowStatusSchema,
    progress: described('While it runs (also while it tracks Pending → Processed)', invoicingProgressSchema.optional()),
    result: described('Once completed', z.object({ summary: invoicingSummarySchema, tracking: trackingSchema.optional() }).optional()),
    failure: z.string().optional(),
  }),
);

const scheduledRunSchema = named(
  'ScheduledInvoicingRun',
  z.object({ workflowId: z.string(), firstExecutionRunId: z.string(), scheduledAt: z.string(), takenAt: z.string() }),
);

export const invoicingScheduleSchema = named(
  'InvoicingSchedule',
  z.object({
    ...monthlyScheduleShape,
    dueDayOfMonth: z.number().int(),
    overlap: z.string(),
    catchupWindowMs: z.number(),
    recentRuns: z.array(scheduledRunSchema),
    runningWorkflowIds: z.array(z.string()),
  }),
);

export const triggerResponseSchema = named(
  'InvoicingTrigger',
  z.object({ scheduleId: z.string(), run: described('Absent when the Schedule had not started it within the wait', scheduledRunSchema.optional()) }),
);

export const backfillResponseSchema = named(
  'InvoicingBackfill',
  z.object({ month: z.string(), dueDate: z.string(), scheduledAt: z.string(), run: scheduledRunSchema.optional() }),
);

// Set-top boxes

export const DEFAULT_STB_BILLING = 'isp-integrator';

export const stbImportResultSchema = named(
  'StbImportResult',
  z.object({
    imported: described('Boxes registered by this import', z.number().int()),
    unchanged: described('Boxes already registered exactly so (a file imported again)', z.number().int()),
    rejected: described('Bad rows, by line in the file (the header is line 1)', z.array(z.object({ line: z.number().int(), reason: z.string() }))),
  }),
);

export type OperatorSchemasMatchTypes = [
  Expect<Same<z.output<typeof reconcileRunSchema>, ReconcileRun>>,
  Expect<Same<z.output<typeof invoicingRunStartedSchema>, InvoicingRunStarted>>,
  Expect<Same<z.output<typeof invoicingRunStatusSchema>, InvoicingRunStatus>>,
  Expect<Same<z.output<typeof scheduledRunSchema>, ScheduledInvoicingRun>>,
  Expect<Same<z.output<typeof invoicingScheduleSchema>, InvoicingSchedule>>,
  Expect<Same<z.output<typeof backfillResponseSchema>, InvoicingBackfill>>,
  Expect<Same<z.output<typeof stbImportResultSchema>, StbImportResult>>,
];
