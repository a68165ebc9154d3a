import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import { AccountIdRule, accountIdSchema, genericAccountIdRule } from '../domain/events';
import { temporal } from '@temporalio/proto';
import { SubsyncParkedReason } from '../domain/search-attributes';
import { parseSubscriberWorkflowId, SubscriberKey, subscriberId, subscriberWorkflowId } from '../domain/subscriber';
import type { Config } from '../config/schema';
import { AccountObserver } from '../activities/account-observer';
import { PermanentError } from '../connectors/errors';
import type { Connectors } from '../connectors/registry';
import type { Logger } from '../domain/logger';
import type { Store } from '../store/store';
import { eventStatusQuery, OperatorDecision, resolveParkedUpdate, stateQuery, subscriberWorkflowType } from '../workflows/definitions';
import { EventDispatcher } from './dispatch';
import { billingNamed } from './operator/billing';
import * as invoicing from './operator/invoicing';
import { getReconcile, startReconcile } from './operator/reconcile';
import { importBoxes } from './operator/set-top-boxes';
import * as sessions from './operator/sessions';
import * as usage from './operator/usage';
import type { SessionAction, SessionRecord } from '../domain/session';
import { NotificationOperator } from './operator/notifications';
import type { NotificationDeliveriesQuery, NotificationDeliveryView, NotificationEndpointView, NotificationMessageView } from './notification-operations';
import {
  Caller,
  callerLabel,
  BookSessionRequest,
  AccountObservation,
  ComponentHealth,
  DuplicateSubscribers,
  InvalidRequestError,
  HealthReport,
  InvoicingBackfill,
  InvoicingRunRequest,
  InvoicingRunStarted,
  InvoicingRunStatus,
  InvoicingSchedule,
  NothingParkedError,
  NotFoundError,
  ParkedSummary,
  PendingActivityView,
  ReconcileRequest,
  ReconcileRun,
  ScheduledInvoicingRun,
  StbImportResult,
  SubmitEventResponse,
  ServedOperations,
  SubscriberDetails,
  SubsyncOperations,
  UsageRunRequest,
  UsageRunStarted,
  UsageRunStatus,
  UsageSchedule,
  UsageSummary,
} from './operations';

const tsToIso = (t?: { seconds?: unknown; nanos?: number | null } | null) =>
  t?.seconds != null ? new Date(Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString() : undefined;

/** A pending activity's state by name (SCHEDULED: waiting for its next attempt or a worker; STARTED: a worker runs it). */
const activityStateNames = new Map(Object.entries(temporal.api.enums.v1.PendingActivityState).flatMap(([name, n]) => (typeof n === 'number' ? [[n, name.replace('PENDING_ACTIVITY_STATE_', '')] as const] : [])));
const activityState = (state: number | string | null | undefined) => (typeof state === 'number' ? (activityStateNames.get(state) ?? String(state)) : (state ?? 'UNSPECIFIED'));

/** SubsyncOperations against Temporal and the store: what the HTTP API serves. */
export interface SubsyncServiceDeps {
  client: Client;
  store: Store;
  dispatcher: EventDispatcher;
  /** Health checks of each connector, by name. */
  connectorChecks: Record<string, () => Promise<void>>;
  /** The task queue runs start on, and the invoicing Schedule's settings. */
  config: Pick<Config, 'temporal' | 'invoicing' | 'services' | 'usageBilling'> & Partial<Pick<Config, 'notifications'>>;
  /** Billing systems, for reconcile, invoicing runs, the set-top box import and looks at one account; platforms, for sessions. */
  connectors: Connectors;
  /** Each billing system's account id shape (its connector's), for reconcile requests and the duplicate check. */
  accountIds?: Record<string, AccountIdRule>;
  /** For what session calls to platforms log. */
  logger: Logger;
}

/**
 * The service acts for one caller at a time: `as(caller)` gives a view whose every action is
 * recorded in the store's audit trail under that API credential. Without a caller (the process
 * itself: start-up reconcile, tests) actions are recorded with no actor.
 */
export class SubsyncService implements ServedOperations {
  private readonly invoicing: invoicing.InvoicingDeps;
  private readonly sessions: sessions.SessionDeps;
  private readonly usage: usage.UsageDeps;
  private readonly observer: AccountObserver;
  /** Absent when the config does not enable notifications: their operations answer not found. */
  private readonly notifications?: NotificationOperator;

  constructor(
    private readonly deps: SubsyncServiceDeps,
    private readonly caller?: Caller,
  ) {
    this.invoicing = { client: deps.client, config: deps.config, connectors: deps.connectors };
    this.sessions = { client: deps.client, connectors: deps.connectors, logger: deps.logger, services: deps.config.services, audit: (subject, action, detail) => this.audit(subject, action, detail) };
    this.usage = { client: deps.client, store: deps.store, config: deps.config };
    this.observer = new AccountObserver({ connectors: deps.connectors, store: deps.store, events: () => deps.dispatcher, logger: deps.logger });
    const n = deps.config.notifications;
    if (n?.enabled) this.notifications = new NotificationOperator({ client: deps.client, store: deps.store, config: n });
  }

  private notificationOps(): NotificationOperator {
    if (!this.notifications) throw new NotFoundError('notifications are not enabled in this configuration (notifications.enabled)');
    return this.notifications;
  }

  listNotificationEndpoints(): Promise<NotificationEndpointView[]> {
    return this.notificationOps().listNotificationEndpoints();
  }

  async enableNotificationEndpoint(name: string, note?: string): Promise<NotificationEndpointView> {
    const view = await this.notificationOps().enableNotificationEndpoint(name);
    await this.audit(`@notification-endpoint:${name}`, 'notifications.enable', note ? { note } : {});
    return view;
  }

  async disableNotificationEndpoint(name: string, note?: string): Promise<NotificationEndpointView> {
    const view = await this.notificationOps().disableNotificationEndpoint(name, note);
    await this.audit(`@notification-endpoint:${name}`, 'notifications.disable', note ? { note } : {});
    return view;
  }

  listNotificationDeliveries(query: NotificationDeliveriesQuery): Promise<NotificationDeliveryView[]> {
    return this.notificationOps().listNotificationDeliveries(query);
  }

  getNotificationMessage(messageId: string): Promise<NotificationMessageView | null> {
    return this.notificationOps().getNotificationMessage(messageId);
  }

  async resendNotification(messageId: string, endpoint?: string): Promise<{ messageId: string; endpoints: string[] }> {
    const resent = await this.notificationOps().resendNotification(messageId, endpoint);
    for (const e of resent.endpoints) await this.audit(`@notification-endpoint:${e}`, 'notifications.resend', { messageId });
    return resent;
  }

  async recoverNotifications(endpoint: string, since: string): Promise<{ endpoint: string; since: string; recovered: number }> {
    const recovered = await this.notificationOps().recoverNotifications(endpoint, since);
    await this.audit(`@notification-endpoint:${endpoint}`, 'notifications.recover', { since: recovered.since, recovered: recovered.recovered });
    return recovered;
  }

  as(caller: Caller): SubsyncService {
    return new SubsyncService(this.deps, caller);
  }

  async submitEvent(input: unknown, options: { wait?: boolean; timeoutMs?: number } = {}): Promise<SubmitEventResponse> {
    const res = await this.deps.dispatcher.dispatch(input, { ...options, submittedBy: this.caller && callerLabel(this.caller) });
    if (res.outcome === 'accepted') {
      const event = input as { billing: string; account: string; type: string };
      await this.audit(subscriberId(event), 'event.accepted', { type: event.type }, res.eventId);
    }
    // Nothing to wait for when no worker took the event yet: it waits in the inbox.
    if (!options.wait || res.delivery === 'pending') return res;
    const handle = this.deps.client.workflow.getHandle(res.workflowId);
    // The workflow's answer said what became of it, with the subscriber as the event left it.
    if (res.status) return res.subscriber ? res : { ...res, subscriber: await handle.query(stateQuery) };
    // A duplicate attached to an update that answered on queueing: follow its status.
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    let status: SubmitEventResponse['status'] = 'queued';
    for (;;) {
      status = await handle.query(eventStatusQuery, res.eventId);
      if (status !== 'queued' || Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return { ...res, status, subscriber: await handle.query(stateQuery) };
  }

  async observeAccount(billing: string, account: string): Promise<AccountObservation> {
    billingNamed(this.deps.connectors, billing);
    try {
      const seen = await this.observer.observe(billing, account);
      const event = seen.event && seen.outcome ? { id: seen.event.id, type: seen.event.type, outcome: seen.outcome } : undefined;
      return { billing, account, stamp: seen.stamp, changed: seen.changed, ...(event ? { event } : {}) };
    } catch (err) {
      // The billing system's own check of the id ("a positive integer id") is the caller's mistake.
      if (err instanceof PermanentError && err.reason === 'validation') throw new InvalidRequestError([{ path: 'account', message: err.message }]);
      throw err;
    }
  }

  async getSubscriber(billing: string, account: string): Promise<SubscriberDetails | null> {
    const key: SubscriberKey = { billing, account };
    const handle = this.deps.client.workflow.getHandle(subscriberWorkflowId(key));
    try {
      const [view, description] = await Promise.all([handle.query(stateQuery), handle.describe()]);
      const [links, ledger] = await Promise.all([this.deps.store.links(subscriberId(key)), this.deps.store.ledger(subscriberId(key))]);
      const retrying: PendingActivityView[] = (description.raw.pendingActivities ?? []).map((a) => ({
        activityType: a.activityType?.name ?? 'unknown',
        attempt: a.attempt ?? 1,
        state: activityState(a.state),
        lastFailure: a.lastFailure?.message ?? undefined,
        nextAttemptAt: tsToIso(a.nextAttemptScheduleTime),
      }));
      const audit = await this.deps.store.auditTrail(subscriberId(key), 20);
      return {
        ...view,
        workflowId: description.workflowId,
        runId: description.runId,
        retrying,
        audit: audit.map((a) => ({ at: a.at.toISOString(), action: a.action, ...(a.eventId ? { eventId: a.eventId } : {}), ...(a.actor ? { actor: a.actor } : {}) })),
        links: links.map((l) => ({ platform: l.platform, login: l.login, profileId: l.profileId, attachmentId: l.attachmentId, updatedAt: l.updatedAt.toISOString() })),
        ledger: ledger.map((e) => ({ service: e.service, period: e.period, amount: Number(e.amount).toFixed(2), status: e.status, chargeId: e.chargeId })),
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === 5)) return null;
      throw err;
    }
  }

  async listParked(): Promise<ParkedSummary[]> {
    const out: ParkedSummary[] = [];
    for await (const wf of this.deps.client.workflow.list({ query: `SubsyncParked = true AND ExecutionStatus = "Running"` })) {
      const key = parseSubscriberWorkflowId(wf.workflowId);
      if (!key) continue;
      out.push({ workflowId: wf.workflowId, ...key, reason: wf.typedSearchAttributes.get(SubsyncParkedReason) ?? '' });
    }
    return out;
  }

  async resolveParked(billing: string, account: string, decision: OperatorDecision) {
    const handle = this.deps.client.workflow.getHandle(subscriberWorkflowId({ billing, account }));
    // The credential decides; a name the caller gives (an operator behind a shared tool) is kept beside it.
    const by = this.caller ? (decision.by ? `${callerLabel(this.caller)} for ${decision.by}` : callerLabel(this.caller)) : decision.by;
    try {
      const result = await handle.executeUpdate(resolveParkedUpdate, { args: [{ ...decision, by }] });
      await this.audit(subscriberId({ billing, account }), `parked.${decision.action}`, { commandId: result.commandId, ...(decision.by ? { for: decision.by } : {}), ...(decision.note ? { note: decision.note } : {}) }, result.commandId);
      return result;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && /nothing is parked/.test(String(err.cause?.message))) {
        throw new NothingParkedError(`nothing is parked for ${billing}:${account}`);
      }
      if (err instanceof WorkflowNotFoundError) throw new NotFoundError(`no subscriber ${billing}/${account}`);
      throw err;
    }
  }

  async reconcile(request: ReconcileRequest, options: { wait?: boolean; timeoutMs?: number } = {}): Promise<ReconcileRun> {
    billingNamed(this.deps.connectors, request.billing);
    const rule = this.accountRule(request.billing);
    if (request.account !== undefined && !accountIdSchema(rule).safeParse(request.account).success) {
      throw new InvalidRequestError([{ path: 'account', message: `not ${rule.description}` }]);
    }
    const run = await startReconcile({ client: this.deps.client, taskQueue: this.deps.config.temporal.taskQueue }, request, options);
    const subject = request.account ? subscriberId({ billing: request.billing, account: request.account }) : `@reconcile:${request.billing}`;
    await this.audit(subject, 'reconcile.start', { workflowId: run.workflowId, repair: request.repair });
    return this.withDuplicates(run, request.billing);
  }

  async getReconciliation(workflowId: string): Promise<ReconcileRun | null> {
    const run = await getReconcile(this.deps.client, workflowId);
    const billing = /^reconcile:([^:]+):/.exec(workflowId)?.[1];
    return run && billing ? this.withDuplicates(run, billing) : run;
  }

  /**
   * Running subscriber workflows of one billing system that reach the same account under
   * different spellings (created before the door checked account ids).
   */
  async duplicateSubscribers(billing: string): Promise<DuplicateSubscribers[]> {
    const rule = this.accountRule(billing);
    const byAccount = new Map<string, string[]>();
    // `billing` is a configured name (letters, digits, _ and -), safe inside the query.
    const query = `WorkflowType = "${subscriberWorkflowType}" AND ExecutionStatus = "Running" AND SubsyncBilling = "${billing}"`;
    for await (const wf of this.deps.client.workflow.list({ query })) {
      const key = parseSubscriberWorkflowId(wf.workflowId);
      if (!key || key.billing !== billing) continue;
      const account = rule.canonical(key.account) ?? key.account;
      byAccount.set(account, [...(byAccount.get(account) ?? []), wf.workflowId]);
    }
    return [...byAccount].filter(([, ids]) => ids.length > 1).map(([account, ids]) => ({ billing, account, workflowIds: ids.sort() }));
  }

  private async withDuplicates(run: ReconcileRun, billing: string): Promise<ReconcileRun> {
    if (run.status === 'RUNNING' || !this.deps.connectors.billingNames().includes(billing)) return run;
    return { ...run, duplicates: await this.duplicateSubscribers(billing) };
  }

  private accountRule(billing: string): AccountIdRule {
    return this.deps.accountIds?.[billing] ?? genericAccountIdRule;
  }

  async startInvoicingRun(request: InvoicingRunRequest): Promise<InvoicingRunStarted> {
    const started = await invoicing.startRun(this.invoicing, request);
    await this.audit(`@invoicing:${started.billing}`, 'invoicing.run', { workflowId: started.workflowId, dueDate: started.dueDate, dryRun: started.dryRun });
    return started;
  }

  getInvoicingRun(workflowId: string): Promise<InvoicingRunStatus | null> {
    return invoicing.getRun(this.invoicing, workflowId);
  }

  getInvoicingSchedule(): Promise<InvoicingSchedule | null> {
    return invoicing.getSchedule(this.invoicing);
  }

  async pauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    const schedule = await invoicing.pause(this.invoicing, note);
    await this.audit(`@invoicing-schedule:${schedule.scheduleId}`, 'invoicing.pause', note ? { note } : {});
    return schedule;
  }

  async unpauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    const schedule = await invoicing.unpause(this.invoicing, note);
    await this.audit(`@invoicing-schedule:${schedule.scheduleId}`, 'invoicing.unpause', note ? { note } : {});
    return schedule;
  }

  async triggerInvoicing(): Promise<{ scheduleId: string; run?: ScheduledInvoicingRun }> {
    const triggered = await invoicing.trigger(this.invoicing);
    await this.audit(`@invoicing-schedule:${triggered.scheduleId}`, 'invoicing.trigger', triggered.run ? { workflowId: triggered.run.workflowId } : {});
    return triggered;
  }

  async backfillInvoicing(month: string): Promise<InvoicingBackfill> {
    const done = await invoicing.backfill(this.invoicing, month);
    await this.audit(`@invoicing-schedule:${invoicing.scheduleIdFor(this.invoicing)}`, 'invoicing.backfill', { month, dueDate: done.dueDate });
    return done;
  }

  async importSetTopBoxes(csv: string, billing: string): Promise<StbImportResult> {
    const result = await importBoxes(this.deps.connectors, csv, billing);
    await this.audit(`@stb-import:${billing}`, 'stb.import', { imported: result.imported, unchanged: result.unchanged, rejected: result.rejected.length });
    return result;
  }

  private async audit(subject: string, action: string, detail: Record<string, unknown>, eventId?: string): Promise<void> {
    await this.deps.store.auditAction({
      subscriberId: subject,
      eventId: eventId ?? null,
      action,
      detail,
      actor: this.caller ? callerLabel(this.caller) : null,
      credentialId: this.caller?.credentialId ?? null,
    });
  }

  listSessions(billing: string, account: string): Promise<SessionRecord[]> {
    return sessions.listSessions(this.sessions, billing, account);
  }

  bookSession(billing: string, account: string, request: BookSessionRequest): Promise<SessionRecord> {
    return sessions.bookSession(this.sessions, billing, account, request);
  }

  getSession(billing: string, account: string, sessionId: string): Promise<SessionRecord> {
    return sessions.getSession(this.sessions, billing, account, sessionId);
  }

  controlSession(billing: string, account: string, sessionId: string, action: SessionAction): Promise<SessionRecord> {
    return sessions.controlSession(this.sessions, billing, account, sessionId, action);
  }

  async startUsageRun(request: UsageRunRequest): Promise<UsageRunStarted> {
    const started = await usage.startRun(this.usage, request);
    await this.audit('@usage-billing', 'usage.run', { workflowId: started.workflowId, month: started.month, dryRun: started.dryRun, ...(request.service ? { service: request.service } : {}) });
    return started;
  }

  getUsageRun(workflowId: string): Promise<UsageRunStatus | null> {
    return usage.getRun(this.usage, workflowId);
  }

  listUsageSummaries(month: string): Promise<UsageSummary[]> {
    return usage.summaries(this.usage, month);
  }

  getUsageSchedule(): Promise<UsageSchedule | null> {
    return usage.schedule(this.usage);
  }

  async health(): Promise<HealthReport> {
    const temporal = await timed(async () => void (await this.deps.client.workflowService.getSystemInfo({})));
    const store = await timed(() => this.deps.store.health());
    const connectors = Object.fromEntries(await Promise.all(Object.entries(this.deps.connectorChecks).map(async ([name, check]) => [name, await timed(check)] as const)));
    const ok = temporal.ok && store.ok && Object.values(connectors).every((c) => c.ok);
    const notifications = store.ok && this.notifications ? await this.notifications.health().catch(() => undefined) : undefined;
    return { ok, temporal, store, connectors, ...(notifications ? { notifications } : {}) };
  }
}

async function timed(check: () => Promise<void>, timeoutMs = 5000): Promise<ComponentHealth> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return { ok: true, latencyMs: Date.now() - start };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), latencyMs: Date.now() - start };
  } finally {
    clearTimeout(timer);
  }
}
