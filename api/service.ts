import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { isGrpcServiceError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SubsyncParkedReason } from '../domain/search-attributes';
import { parseSubscriberWorkflowId, SubscriberKey, subscriberId, subscriberWorkflowId } from '../domain/subscriber';
import type { Config } from '../config/schema';
import type { Connectors } from '../connectors/registry';
import type { Store } from '../store/store';
import { eventStatusQuery, OperatorDecision, resolveParkedUpdate, stateQuery } from '../workflows/definitions';
import { EventDispatcher } from './dispatch';
import { billingNamed } from './operator/billing';
import * as invoicing from './operator/invoicing';
import { getReconcile, startReconcile } from './operator/reconcile';
import { importBoxes } from './operator/set-top-boxes';
import {
  ComponentHealth,
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
  SubscriberDetails,
  SubsyncOperations,
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
  config: Pick<Config, 'temporal' | 'invoicing'>;
  /** Billing systems, for reconcile, invoicing runs and the set-top box import. */
  connectors: Connectors;
}

export class SubsyncService implements SubsyncOperations {
  private readonly invoicing: invoicing.InvoicingDeps;

  constructor(private readonly deps: SubsyncServiceDeps) {
    this.invoicing = { client: deps.client, config: deps.config, connectors: deps.connectors };
  }

  async submitEvent(input: unknown, options: { wait?: boolean; timeoutMs?: number } = {}): Promise<SubmitEventResponse> {
    const res = await this.deps.dispatcher.dispatch(input, options);
    // Nothing to wait for when no worker took the event yet: it waits in the inbox.
    if (!options.wait || res.delivery === 'pending') return res;
    const handle = this.deps.client.workflow.getHandle(res.workflowId);
    // The workflow's answer said what became of it (a duplicate of an event sent without wait may not).
    if (res.status) return { ...res, subscriber: await handle.query(stateQuery) };
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
      return {
        ...view,
        workflowId: description.workflowId,
        runId: description.runId,
        retrying,
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
    try {
      return await handle.executeUpdate(resolveParkedUpdate, { args: [decision] });
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
    return startReconcile({ client: this.deps.client, taskQueue: this.deps.config.temporal.taskQueue }, request, options);
  }

  getReconciliation(workflowId: string): Promise<ReconcileRun | null> {
    return getReconcile(this.deps.client, workflowId);
  }

  startInvoicingRun(request: InvoicingRunRequest): Promise<InvoicingRunStarted> {
    return invoicing.startRun(this.invoicing, request);
  }

  getInvoicingRun(workflowId: string): Promise<InvoicingRunStatus | null> {
    return invoicing.getRun(this.invoicing, workflowId);
  }

  getInvoicingSchedule(): Promise<InvoicingSchedule | null> {
    return invoicing.getSchedule(this.invoicing);
  }

  pauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    return invoicing.pause(this.invoicing, note);
  }

  unpauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    return invoicing.unpause(this.invoicing, note);
  }

  triggerInvoicing(): Promise<{ scheduleId: string; run?: ScheduledInvoicingRun }> {
    return invoicing.trigger(this.invoicing);
  }

  backfillInvoicing(month: string): Promise<InvoicingBackfill> {
    return invoicing.backfill(this.invoicing, month);
  }

  importSetTopBoxes(csv: string, billing: string): Promise<StbImportResult> {
    return importBoxes(this.deps.connectors, csv, billing);
  }

  async health(): Promise<HealthReport> {
    const temporal = await timed(async () => void (await this.deps.client.workflowService.getSystemInfo({})));
    const store = await timed(() => this.deps.store.health());
    const connectors = Object.fromEntries(await Promise.all(Object.entries(this.deps.connectorChecks).map(async ([name, check]) => [name, await timed(check)] as const)));
    const ok = temporal.ok && store.ok && Object.values(connectors).every((c) => c.ok);
    return { ok, temporal, store, connectors };
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
