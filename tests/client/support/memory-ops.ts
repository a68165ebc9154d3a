import { lifecycleEventSchema, LifecycleEvent } from '../../../domain/events';
import { subscriberWorkflowId, LifecycleStatus } from '../../../domain/subscriber';
import type { OperatorDecision, SubscriberView } from '../../../workflows/definitions';
import {
  EventConflictError,
  HealthReport,
  InvalidEventError,
  NothingParkedError,
  NotFoundError,
  ParkedSummary,
  SubmitEventResponse,
  SubscriberDetails,
  SubsyncOperations,
} from '../../../client/operations';

/**
 * SubsyncOperations kept in memory, for testing the HTTP, client and CLI layers only: events
 * apply at once, statuses follow the event type, and tests can park a command, set the health
 * report, or make every call fail as a broken Temporal connection would.
 */
export class MemoryOperations implements SubsyncOperations {
  readonly submitCalls: { input: unknown; options?: { wait?: boolean; timeoutMs?: number } }[] = [];
  readonly decisions: (OperatorDecision & { billing: string; account: string })[] = [];
  healthReport: HealthReport = { ok: true, temporal: { ok: true, latencyMs: 1 }, store: { ok: true }, connectors: { lanbilling: { ok: true }, intercom: { ok: true } } };
  /** When set, every operation throws it. */
  failure?: Error;
  /** What a waiting submit reports: 'queued' plays a wait that ended before the event applied. */
  waitStatus: 'applied' | 'queued' = 'applied';

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
