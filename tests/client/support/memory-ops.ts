import { PermanentError } from '../../../connectors/errors';
import { importSetTopBoxes } from '../../../connectors/isp-integrator/stb-import';
import { lifecycleEventSchema, LifecycleEvent } from '../../../domain/events';
import { subscriberWorkflowId, LifecycleStatus } from '../../../domain/subscriber';
import type { OperatorDecision, SubscriberView } from '../../../workflows/definitions';
import {
  EventConflictError,
  HealthReport,
  InvalidEventError,
  InvalidRequestError,
  InvoicingBackfill,
  InvoicingRunRequest,
  InvoicingRunStarted,
  InvoicingRunStatus,
  InvoicingSchedule,
  NothingParkedError,
  NotFoundError,
  ParkedSummary,
  ReconcileRequest,
  ReconcileRun,
  ScheduledInvoicingRun,
  StbImportResult,
  SubmitEventResponse,
  SubscriberDetails,
  SubsyncOperations,
} from '../../../api/operations';
import type { ReconcileSummary } from '../../../workflows/reconcile';
import type { InvoicingSummary } from '../../../workflows/tv-invoicing';

const BILLING_SYSTEMS = ['lanbilling', 'isp-integrator'];

/**
 * SubsyncOperations kept in memory, for testing the HTTP, client and CLI layers only: events
 * apply at once, statuses follow the event type, and tests can park a command, set the health
 * report, or make every call fail as a broken Temporal connection would.
 */
/** The HTTP, client and CLI layers' tests of NotificationDispatcher run against the real stack (tests/e2e/notification-*.test.ts). */
const notKeptInMemory = (): never => {
  throw new NotFoundError('notifications are not enabled in this configuration (notifications.enabled)');
};

export class MemoryOperations implements SubsyncOperations {
  listNotificationEndpoints = notKeptInMemory;
  enableNotificationEndpoint = notKeptInMemory;
  disableNotificationEndpoint = notKeptInMemory;
  listNotificationDeliveries = notKeptInMemory;
  getNotificationMessage = notKeptInMemory;
  resendNotification = notKeptInMemory;
  recoverNotifications = notKeptInMemory;

  readonly submitCalls: { input: unknown; options?: { wait?: boolean; timeoutMs?: number } }[] = [];
  readonly decisions: (OperatorDecision & { billing: string; account: string })[] = [];
  healthReport: HealthReport = { ok: true, temporal: { ok: true, latencyMs: 1 }, store: { ok: true }, connectors: { lanbilling: { ok: true }, intercom: { ok: true } } };
  /** When set, every operation throws it. */
  failure?: Error;
  /** What a waiting submit reports: 'queued' plays a wait that ended before the event applied. */
  waitStatus: 'applied' | 'queued' = 'applied';

  readonly reconcileCalls: { request: ReconcileRequest; options?: { wait?: boolean; timeoutMs?: number } }[] = [];
  /** What a reconcile run finds: the drift of a dry run (a repair requests one sync per drifted account). */
  drift: ReconcileSummary['drift'] = [
    { account: '1001', platform: 'beenius', subscription: '5001', steps: ['tv.addExtra telecine'] },
    { account: '1002', platform: 'cdntv', subscription: '5002', steps: ['tv.removeExtra hbo', 'tv.bind BNS000000002'] },
  ];
  readonly invoicingRequests: InvoicingRunRequest[] = [];
  /** null plays a Schedule that was never created. */
  schedule: InvoicingSchedule | null = {
    scheduleId: 'tv-invoicing:isp-integrator',
    paused: false,
    note: 'created by subsync',
    calendar: { dayOfMonth: 1, hour: 6, minute: 0 },
    timezone: 'America/Sao_Paulo',
    dueDayOfMonth: 10,
    overlap: 'SKIP',
    catchupWindowMs: 172_800_000,
    nextRunTimes: ['2026-12-01T09:00:00.000Z', '2027-01-01T09:00:00.000Z'],
    recentRuns: [],
    runningWorkflowIds: [],
  };
  /** Set-top boxes registered by imports, by CASN. */
  readonly boxes = new Map<string, { casn: string; assetNumber: string; model?: string }>();

  private readonly reconcileRuns = new Map<string, ReconcileRun>();
  private readonly invoicingRuns = new Map<string, InvoicingRunStatus>();
  private readonly events = new Map<string, { body: string; workflowId: string }>();
  private readonly subscribers = new Map<string, SubscriberView>();

  async submitEvent(input: unknown, options?: { wait?: boolean; timeoutMs?: number }): Promise<SubmitEventResponse> {
    this.failIfBroken();
    this.submitCalls.push({ input, options });
    const parsed = lifecycleEventSchema.safeParse(input);
    if (!parsed.success) throw new InvalidEventError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(event)', message: i.message })));
    const event = parsed.data;
    const workflowId = subscriberWorkflowId(event);
    const body = JSON.stringify(event);
    const seen = this.events.get(event.id);
    if (seen && seen.body !== body) throw new EventConflictError(event.id);
    if (!seen) {
      this.events.set(event.id, { body, workflowId });
      this.apply(event);
    }
    const response: SubmitEventResponse = { eventId: event.id, workflowId, outcome: seen ? 'duplicate' : 'accepted', position: 0 };
    return options?.wait ? { ...response, status: this.waitStatus, subscriber: this.subscribers.get(workflowId) } : response;
  }

  async getSubscriber(billing: string, account: string): Promise<SubscriberDetails | null> {
    this.failIfBroken();
    const view = this.subscribers.get(subscriberWorkflowId({ billing, account }));
    if (!view) return null;
    return {
      ...view,
      workflowId: subscriberWorkflowId(view.key),
      runId: 'run-1',
      retrying: view.parked ? [] : [{ activityType: 'attachToPlatform', attempt: 3, state: 'SCHEDULED', lastFailure: 'intercom: connect ECONNREFUSED', nextAttemptAt: '2026-01-01T00:00:10.000Z' }],
      links: view.login ? [{ platform: 'intercom', login: view.login, profileId: 'p-1', attachmentId: 'a-1', updatedAt: '2026-01-01T00:00:00.000Z' }] : [],
      ledger: [{ service: 'intercom', period: '2026-01', amount: '150.00', status: 'charged', chargeId: 'c-1' }],
    };
  }

  async listParked(): Promise<ParkedSummary[]> {
    this.failIfBroken();
    return [...this.subscribers.values()]
      .filter((v) => v.parked)
      .map((v) => ({ workflowId: subscriberWorkflowId(v.key), billing: v.key.billing, account: v.key.account, reason: v.parked!.reason, since: v.parked!.since }));
  }

  async resolveParked(billing: string, account: string, decision: OperatorDecision): Promise<{ commandId: string; action: OperatorDecision['action'] }> {
    this.failIfBroken();
    const view = this.subscribers.get(subscriberWorkflowId({ billing, account }));
    if (!view) throw new NotFoundError(`no subscriber ${billing}/${account}`);
    if (!view.parked) throw new NothingParkedError(`nothing is parked for ${billing}/${account}`);
    const commandId = view.parked.id;
    view.parked = undefined;
    this.decisions.push({ ...decision, billing, account });
    return { commandId, action: decision.action };
  }

  async health(): Promise<HealthReport> {
    this.failIfBroken();
    return this.healthReport;
  }

  async reconcile(request: ReconcileRequest, options?: { wait?: boolean; timeoutMs?: number }): Promise<ReconcileRun> {
    this.failIfBroken();
    this.reconcileCalls.push({ request, options });
    if (!BILLING_SYSTEMS.includes(request.billing)) throw new InvalidRequestError([{ path: 'billing', message: `no billing system named "${request.billing}"` }]);
    const workflowId = `reconcile:${request.billing}:${request.account ?? 'fleet'}:2026-11-21T10:00:0${this.reconcileRuns.size}.000Z`;
    const drift = this.drift.filter((d) => !request.account || d.account === request.account);
    const drifted = new Set(drift.map((d) => d.account)).size;
    const summary: ReconcileSummary = {
      billing: request.billing, repair: request.repair, accounts: request.account ? 1 : 3, checked: request.account ? 1 : 3, drifted,
      repairsRequested: request.repair ? drifted : 0, skipped: request.account ? 0 : 1, drift, skippedAccounts: request.account ? [] : [{ account: '1003', reason: 'TV plan 5003 has no RADIUS login' }],
    };
    const run: ReconcileRun = { workflowId, status: 'COMPLETED', summary };
    this.reconcileRuns.set(workflowId, run);
    return options?.wait ? run : { workflowId, status: 'RUNNING', summary: { ...summary, checked: 0, drifted: 0, repairsRequested: 0, skipped: 0, drift: [], skippedAccounts: [] } };
  }

  async getReconciliation(workflowId: string): Promise<ReconcileRun | null> {
    this.failIfBroken();
    return this.reconcileRuns.get(workflowId) ?? null;
  }

  /** A dry run completes at once with a sample; a real run stays running, tracking its events. */
  async startInvoicingRun(request: InvoicingRunRequest): Promise<InvoicingRunStarted> {
    this.failIfBroken();
    this.invoicingRequests.push(request);
    const billing = request.billing ?? 'isp-integrator';
    if (billing !== 'isp-integrator') throw new InvalidRequestError([{ path: 'billing', message: `"${billing}" is not an ISP-Integrator billing system` }]);
    const dueDate = request.dueDate ?? '2026-11-10';
    const dryRun = request.dryRun ?? false;
    const workflowId = `tv-invoicing:${billing}:${dueDate}${dryRun ? ':dry-run' : ''}`;
    const summary = invoicingSummary(billing, dueDate, dryRun);
    this.invoicingRuns.set(
      workflowId,
      dryRun
        ? { workflowId, runId: 'run-1', status: 'COMPLETED', result: { summary } }
        : {
            workflowId, runId: 'run-1', status: 'RUNNING',
            progress: {
              billing, dueDate, dryRun, phase: 'tracking', pagesDone: 1, customersDone: 2, eventsCreated: 2, eventsExisting: 0, createdValue: 10770, totalValue: 10770,
              totalValueFormatted: 'R$ 107,70', parkedCount: 1, parked: summary.parked, generation: 0, summary,
              tracking: { pending: 2, processed: 0, pendingValue: 10770, processedValue: 0, checks: 1, lastCheckedAt: '2026-11-21T10:00:01.000Z' },
            },
          },
    );
    return { workflowId, runId: 'run-1', billing, dueDate, dryRun };
  }

  async getInvoicingRun(workflowId: string): Promise<InvoicingRunStatus | null> {
    this.failIfBroken();
    return this.invoicingRuns.get(workflowId) ?? null;
  }

  async getInvoicingSchedule(): Promise<InvoicingSchedule | null> {
    this.failIfBroken();
    return this.schedule;
  }

  async pauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    return Object.assign(this.existingSchedule(), { paused: true, note: note ?? 'paused by an operator' });
  }

  async unpauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    return Object.assign(this.existingSchedule(), { paused: false, note: note ?? 'unpaused by an operator' });
  }

  async triggerInvoicing(): Promise<{ scheduleId: string; run?: ScheduledInvoicingRun }> {
    const schedule = this.existingSchedule();
    const run = { workflowId: 'tv-invoicing:isp-integrator-2026-11-21T10:00:00Z', firstExecutionRunId: 'run-t', scheduledAt: '2026-11-21T10:00:00.000Z', takenAt: '2026-11-21T10:00:00.100Z' };
    schedule.recentRuns.push(run);
    return { scheduleId: schedule.scheduleId, run };
  }

  async backfillInvoicing(month: string): Promise<InvoicingBackfill> {
    const schedule = this.existingSchedule();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InvalidRequestError([{ path: 'month', message: `"${month}" is not a month (YYYY-MM)` }]);
    const scheduledAt = `${month}-01T09:00:00.000Z`;
    const run = { workflowId: `tv-invoicing:isp-integrator-${month}-01T09:00:00Z`, firstExecutionRunId: 'run-b', scheduledAt, takenAt: '2026-11-21T10:00:00.100Z' };
    schedule.recentRuns.push(run);
    return { month, dueDate: `${month}-10`, scheduledAt, run };
  }

  /** The real CSV rules (connectors/isp-integrator/stb-import.ts) over an in-memory box register. */
  async importSetTopBoxes(csv: string, billing: string): Promise<StbImportResult> {
    this.failIfBroken();
    if (billing !== 'isp-integrator') throw new InvalidRequestError([{ path: 'billing', message: `"${billing}" is not an ISP-Integrator billing system` }]);
    const register = async (box: { casn: string; assetNumber: string; model?: string }) => {
      const known = this.boxes.get(box.casn);
      if (known && (known.assetNumber !== box.assetNumber || known.model !== box.model)) {
        throw new PermanentError('isp-integrator', 'registerSetTopBox', 'conflict', `casn: ${box.casn} is registered with asset number ${known.assetNumber}`);
      }
      this.boxes.set(box.casn, { casn: box.casn, assetNumber: box.assetNumber, model: box.model });
      return { box: { ...box, status: 'available' as const }, created: !known };
    };
    try {
      return await importSetTopBoxes(csv, { registerSetTopBox: register });
    } catch (err) {
      if (err instanceof PermanentError) throw new InvalidRequestError([{ path: '(body)', message: err.message.replace('isp-integrator.importSetTopBoxes: ', '') }]);
      throw err;
    }
  }

  private existingSchedule(): InvoicingSchedule {
    this.failIfBroken();
    if (!this.schedule) throw new NotFoundError('no invoicing schedule "tv-invoicing:isp-integrator"');
    return this.schedule;
  }

  /** Parks the subscriber's next command as a permanent platform error would. */
  park(billing: string, account: string, reason: string): void {
    const view = this.subscribers.get(subscriberWorkflowId({ billing, account }));
    if (!view) throw new Error(`test setup: no subscriber ${billing}/${account}`);
    view.parked = { id: 'cmd-7', type: 'activate', receivedAt: '2026-01-01T00:00:00.000Z', reason, errorType: 'PermanentError', since: '2026-01-01T00:00:05.000Z' };
  }

  private apply(event: LifecycleEvent): void {
    const workflowId = subscriberWorkflowId(event);
    const view = this.subscribers.get(workflowId) ?? { key: { billing: event.billing, account: event.account }, status: 'new', platforms: [], charges: [], pending: [], recent: [] };
    const next: Partial<Record<LifecycleEvent['type'], LifecycleStatus>> = { activate: 'active', block: 'blocked', unblock: 'active', disable: 'disabled' };
    view.status = next[event.type] ?? view.status;
    if (event.type === 'block') view.blockReason = event.reason;
    if (event.type === 'unblock') view.blockReason = undefined;
    if (event.type === 'create' || event.type === 'link') view.login = event.login ?? view.login;
    view.platforms = view.login
      ? [{ platform: 'intercom', service: 'intercom', attached: view.status !== 'disabled', login: view.login, profileId: 'p-1', attachmentId: 'a-1', capabilities: view.status === 'blocked' ? ['door_key'] : ['door_key', 'handset_call', 'video_archive', 'app_open'] }]
      : [];
    view.recent = [...view.recent, { id: event.id, type: event.type, receivedAt: '2026-01-01T00:00:00.000Z', outcome: 'applied' as const, at: '2026-01-01T00:00:01.000Z' }].slice(-5);
    this.subscribers.set(workflowId, view);
  }

  private failIfBroken(): void {
    if (this.failure) throw this.failure;
  }
}

function invoicingSummary(billing: string, dueDate: string, dryRun: boolean): InvoicingSummary {
  return {
    billing, dueDate, dryRun, customers: 3, eventsCreated: 2, eventsExisting: 0, createdValue: 10770, totalValue: 10770, totalValueFormatted: 'R$ 107,70',
    parkedCount: 1,
    parked: [{ customerId: '2009', customerName: 'Ivo Prado', contractedPlanId: '6009', errorType: 'Permanent.validation', reason: 'items.0.packageId: PKG-HBO is not active' }],
    ...(dryRun
      ? {
          sample: [
            { customerId: '2001', customerName: 'Ana Lima', contractedPlanId: '6001', items: [{ packageId: 'PKG-HBO', name: 'HBO', price: 3490 }, { packageId: 'PKG-TELECINE', name: 'Telecine', price: 4290 }], total: 7780 },
            { customerId: '2002', customerName: 'Bruno Reis', contractedPlanId: '6002', items: [{ packageId: 'PKG-HBO', name: 'HBO', price: 2990 }], total: 2990 },
          ],
        }
      : {}),
    pages: 1, startedAt: '2026-11-21T10:00:00.000Z', finishedAt: '2026-11-21T10:00:01.000Z',
  };
}
