import { PermanentError } from '../../../connectors/errors';
import { importSetTopBoxes } from '../../../connectors/isp-integrator/stb-import';
import { lifecycleEventSchema, LifecycleEvent } from '../../../domain/events';
import { subscriberWorkflowId, LifecycleStatus } from '../../../domain/subscriber';
import type { OperatorDecision, SubscriberView } from '../../../workflows/definitions';
import {
  AuditRecordView,
  Caller,
  callerLabel,
  BookSessionRequest,
  AccountObservation,
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
  ServedOperations,
  SessionAction,
  SessionRecord,
  SessionRefusedError,
  SubscriberDetails,
  SubsyncOperations,
  UsageRunRequest,
  UsageRunStarted,
  UsageRunStatus,
  UsageSchedule,
  UsageSummary,
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

export class MemoryOperations implements ServedOperations {
  listNotificationEndpoints = notKeptInMemory;
  enableNotificationEndpoint = notKeptInMemory;
  disableNotificationEndpoint = notKeptInMemory;
  listNotificationDeliveries = notKeptInMemory;
  getNotificationMessage = notKeptInMemory;
  resendNotification = notKeptInMemory;
  recoverNotifications = notKeptInMemory;

  readonly submitCalls: { input: unknown; options?: { wait?: boolean; timeoutMs?: number } }[] = [];
  /** Each operation called through as(caller), with the caller: what the audit trail would name. */
  readonly callers: { operation: string; caller: Caller }[] = [];
  private readonly auditBySubscriber = new Map<string, AuditRecordView[]>();
  private caller?: Caller;
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

  /** The stamp billing's current state of an account has (`billing:account` → stamp), for observeAccount. */
  readonly stamps = new Map<string, string>();
  readonly observeCalls: { billing: string; account: string }[] = [];

  private readonly reconcileRuns = new Map<string, ReconcileRun>();
  private readonly invoicingRuns = new Map<string, InvoicingRunStatus>();
  private readonly events = new Map<string, { body: string; workflowId: string }>();
  private readonly subscribers = new Map<string, SubscriberView>();

  /** The operations as one caller: every call is recorded with it, accepted events and decisions land in the subscriber's audit. */
  as(caller: Caller): SubsyncOperations {
    return new Proxy(this, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || property === 'as') return value;
        return async (...args: unknown[]) => {
          target.callers.push({ operation: String(property), caller });
          target.caller = caller;
          try {
            return await value.apply(target, args);
          } finally {
            target.caller = undefined;
          }
        };
      },
    });
  }

  private audit(workflowId: string, record: Omit<AuditRecordView, 'at' | 'actor'>): void {
    const entry = { at: '2026-01-01T00:00:02.000Z', ...record, ...(this.caller ? { actor: callerLabel(this.caller) } : {}) };
    this.auditBySubscriber.set(workflowId, [entry, ...(this.auditBySubscriber.get(workflowId) ?? [])]);
  }

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
      this.audit(workflowId, { action: 'event.accepted', eventId: event.id });
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
      audit: this.auditBySubscriber.get(subscriberWorkflowId(view.key)) ?? [],
    };
  }

  async observeAccount(billing: string, account: string): Promise<AccountObservation> {
    this.failIfBroken();
    if (!BILLING_SYSTEMS.includes(billing)) throw new InvalidRequestError([{ path: 'billing', message: `no billing system named "${billing}"` }]);
    this.observeCalls.push({ billing, account });
    const stamp = this.stamps.get(`${billing}:${account}`);
    if (stamp === undefined) throw new PermanentError(billing, 'getAccount', 'not_found', `account ${account} not found`);
    return { billing, account, stamp, changed: false };
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
    this.audit(subscriberWorkflowId({ billing, account }), { action: `parked.${decision.action}`, eventId: commandId });
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

  /** Sessions of every subscriber, by workflow id; each subscriber's license has `sessionLines` concurrent lines. */
  readonly sessions = new Map<string, SessionRecord[]>();
  sessionLines = 1;
  readonly usageRequests: UsageRunRequest[] = [];
  private readonly usageRuns = new Map<string, UsageRunStatus>();
  usageSchedule: UsageSchedule | null = {
    scheduleId: 'usage-billing', paused: false, calendar: { dayOfMonth: 1, hour: 2, minute: 0 }, timezone: 'UTC', nextRunTimes: ['2026-12-01T02:00:00.000Z'], recentRuns: [],
  };

  async listSessions(billing: string, account: string): Promise<SessionRecord[]> {
    this.failIfBroken();
    return [...this.sessionsOf(billing, account)].reverse();
  }

  async bookSession(billing: string, account: string, request: BookSessionRequest): Promise<SessionRecord> {
    const list = this.sessionsOf(billing, account);
    const again = request.reference && list.find((s) => s.reference === request.reference);
    if (again) return again;
    const session: SessionRecord = {
      sessionId: String(100_000_001 + [...this.sessions.values()].flat().length), service: request.service ?? 'meeting', platform: 'fastviewer', resourceId: '300001', status: 'booked',
      ...(request.subject ? { subject: request.subject } : {}), ...(request.reference ? { reference: request.reference } : {}),
      bookedAt: '2026-11-21T10:00:00.000Z', durationSeconds: 0, recording: false, lastAction: 'book', recordedAt: '2026-11-21T10:00:00.000Z',
    };
    list.push(session);
    return session;
  }

  async getSession(billing: string, account: string, sessionId: string): Promise<SessionRecord> {
    return this.sessionOf(billing, account, sessionId);
  }

  /** Starting beyond `sessionLines` running sessions is refused as the platform refuses it. */
  async controlSession(billing: string, account: string, sessionId: string, action: SessionAction): Promise<SessionRecord> {
    const session = this.sessionOf(billing, account, sessionId);
    if (action === 'start' && session.status === 'booked') {
      const running = this.sessionsOf(billing, account).filter((s) => s.status === 'running').length;
      if (running >= this.sessionLines) throw new SessionRefusedError('quota_exceeded', `fastviewer.session.start: fault 21 QUOTA_EXCEEDED: license 300001 has ${this.sessionLines} line(s), all in use`);
      Object.assign(session, { status: 'running', startedAt: '2026-11-21T10:01:00.000Z' });
    }
    if (action === 'end' && session.status === 'running') Object.assign(session, { status: 'ended', endedAt: '2026-11-21T10:31:00.000Z', durationSeconds: 1800 });
    if (action === 'cancel' && session.status === 'booked') session.status = 'cancelled';
    if (action === 'recording.start' || action === 'recording.stop') session.recording = action === 'recording.start';
    session.lastAction = action;
    return session;
  }

  /** A dry run completes at once; a real run stays running with its progress. */
  async startUsageRun(request: UsageRunRequest): Promise<UsageRunStarted> {
    this.failIfBroken();
    this.usageRequests.push(request);
    const month = request.month ?? '2026-10';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InvalidRequestError([{ path: 'month', message: `"${month}" is not a month (YYYY-MM)` }]);
    const dryRun = request.dryRun ?? false;
    const workflowId = `usage-billing:${month}${dryRun ? ':dry-run' : ''}`;
    const parent = {
      month, service: 'meeting', parent: '100001', billing: 'lanbilling', account: '900', agreement: '90', items: 2, sessions: 5, seconds: 3725, amount: 3725,
      charged: 2, chargedAmount: 3725, existing: 0, existingAmount: 0, unpaid: 0, unpaidAmount: 0, zero: 0, failed: 0, failures: [],
      ...(dryRun ? { sample: [{ resourceId: '300001', sessions: 3, seconds: 3600, amount: 3600, idempotencyKey: `usage:meeting:100001:300001:${month}` }, { resourceId: '300002', sessions: 2, seconds: 125, amount: 125, idempotencyKey: `usage:meeting:100001:300002:${month}` }] } : {}),
    };
    const bounds = { month, from: `${month}-01T00:00:00.000Z`, to: '2026-11-01T00:00:00.000Z', dryRun };
    this.usageRuns.set(
      workflowId,
      dryRun
        ? { workflowId, runId: 'run-u', status: 'COMPLETED', result: { ...bounds, parents: [parent], pages: 1, startedAt: '2026-11-21T10:00:00.000Z', finishedAt: '2026-11-21T10:00:01.000Z' } }
        : { workflowId, runId: 'run-u', status: 'RUNNING', progress: { ...bounds, phase: 'billing', pages: 1, generation: 0, parents: [{ ...parent, done: false }] } },
    );
    return { workflowId, runId: 'run-u', month, dryRun };
  }

  async getUsageRun(workflowId: string): Promise<UsageRunStatus | null> {
    this.failIfBroken();
    return this.usageRuns.get(workflowId) ?? null;
  }

  async listUsageSummaries(month: string): Promise<UsageSummary[]> {
    this.failIfBroken();
    return [
      {
        month, service: 'meeting', parent: '100001', billing: 'lanbilling', account: '900', agreement: '90', items: 2, sessions: 5, seconds: 3725, amount: '37.25',
        charged: 2, chargedAmount: '37.25', existing: 0, existingAmount: '0.00', unpaid: 0, unpaidAmount: '0.00', zero: 0, failed: 0, workflowId: `usage-billing:${month}`, finishedAt: '2026-11-01T02:00:05.000Z',
      },
    ];
  }

  async getUsageSchedule(): Promise<UsageSchedule | null> {
    this.failIfBroken();
    return this.usageSchedule;
  }

  private sessionsOf(billing: string, account: string): SessionRecord[] {
    this.failIfBroken();
    const workflowId = subscriberWorkflowId({ billing, account });
    if (!this.subscribers.has(workflowId)) throw new NotFoundError(`no subscriber ${billing}/${account}`);
    const list = this.sessions.get(workflowId) ?? [];
    this.sessions.set(workflowId, list);
    return list;
  }

  private sessionOf(billing: string, account: string, sessionId: string): SessionRecord {
    const found = this.sessionsOf(billing, account).find((s) => s.sessionId === sessionId);
    if (!found) throw new NotFoundError(`no session ${sessionId} on license 300001`);
    return found;
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
