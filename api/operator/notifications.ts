import type { Client } from '@temporalio/client';
import type { Config } from '../../config/schema';
import { notificationMessageOf } from '../../domain/outbox';
import type { EndpointConfig } from '../../notifications/config';
import { enabledModules } from '../../notifications/config';
import type { DeliveryView } from '../../store/outbox';
import type { Store } from '../../store/store';
import { outboxChangedSignal, outboxDeliveryWorkflowId } from '../../workflows/outbox-delivery';
import type {
  NotificationDeliveriesQuery,
  NotificationDeliveryView,
  NotificationEndpointView,
  NotificationHealth,
  NotificationMessageView,
  NotificationOperations,
} from '../notification-operations';
import { InvalidRequestError, NotFoundError } from '../operations';

export interface NotificationOperatorDeps {
  client: Client;
  store: Store;
  config: Config['notifications'];
}

const iso = (d?: Date | null) => (d ? d.toISOString() : undefined);

/** NotificationOperations against the outbox store and the delivery loops' workflows. */
export class NotificationOperator implements NotificationOperations {
  constructor(private readonly deps: NotificationOperatorDeps) {}

  private endpointConfig(name: string): EndpointConfig {
    const e = this.deps.config.endpoints[name];
    if (!e) {
      const known = Object.keys(this.deps.config.endpoints);
      throw new NotFoundError(`no notification endpoint "${name}" is configured${known.length ? `; configured: ${known.join(', ')}` : ''}`);
    }
    return e;
  }

  /** Wakes an endpoint's delivery loop; one that is not running picks the change up when it starts. */
  private async wake(endpoint: string): Promise<void> {
    await this.deps.client.workflow
      .getHandle(outboxDeliveryWorkflowId(endpoint))
      .signal(outboxChangedSignal)
      .catch(() => undefined);
  }

  async listNotificationEndpoints(): Promise<NotificationEndpointView[]> {
    const [backlog, states] = await Promise.all([this.deps.store.outbox.backlog(), this.deps.store.outbox.endpoints()]);
    return Object.entries(this.deps.config.endpoints).map(([name, e]) => {
      const b = backlog.find((x) => x.endpoint === name);
      const s = states.find((x) => x.name === name);
      const enabledInConfig = e.enabled;
      return {
        name,
        type: e.type,
        target: e.type === 'webhook' ? e.url : e.type === 'connector' ? e.platform : e.module,
        modules: e.modules ?? enabledModules(this.deps.config),
        enabled: enabledInConfig && (s?.enabled ?? true),
        enabledInConfig,
        ...(s?.disabledReason ? { disabledReason: s.disabledReason } : !enabledInConfig ? { disabledReason: 'disabled in the config' } : {}),
        ...(s?.disabledAt ? { disabledAt: iso(s.disabledAt) } : {}),
        ...(s?.failingSince ? { failingSince: iso(s.failingSince) } : {}),
        ...(s && s.pausedUntil > Date.now() ? { pausedUntil: new Date(s.pausedUntil).toISOString() } : {}),
        pending: b?.pending ?? 0,
        due: b?.due ?? 0,
        failed: b?.failed ?? 0,
        delivered: b?.delivered ?? 0,
        ...(b?.oldestPendingAt ? { oldestPendingAt: iso(b.oldestPendingAt) } : {}),
      };
    });
  }

  private async view(name: string): Promise<NotificationEndpointView> {
    return (await this.listNotificationEndpoints()).find((e) => e.name === name)!;
  }

  async enableNotificationEndpoint(name: string): Promise<NotificationEndpointView> {
    this.endpointConfig(name);
    await this.deps.store.outbox.enableEndpoint(name);
    await this.wake(name);
    return this.view(name);
  }

  async disableNotificationEndpoint(name: string, note?: string): Promise<NotificationEndpointView> {
    this.endpointConfig(name);
    await this.deps.store.outbox.disableEndpoint(name, note ? `disabled by an operator: ${note}` : 'disabled by an operator');
    await this.wake(name);
    return this.view(name);
  }

  async listNotificationDeliveries(query: NotificationDeliveriesQuery): Promise<NotificationDeliveryView[]> {
    if (query.endpoint) this.endpointConfig(query.endpoint);
    const since = query.since === undefined ? undefined : parseSince(query.since);
    const rows = await this.deps.store.outbox.deliveries({ status: query.status, endpoint: query.endpoint, since, limit: Math.min(1000, query.limit ?? 100) });
    return rows.map(deliveryView);
  }

  async getNotificationMessage(messageId: string): Promise<NotificationMessageView | null> {
    const outbox = this.deps.store.outbox;
    const m = await outbox.message(messageId);
    if (!m) return null;
    const [deliveries, attempts] = await Promise.all([outbox.deliveriesOf(m.id!), outbox.attemptsOf(m.id!)]);
    return {
      ...notificationMessageOf(m),
      createdAt: m.createdAt.toISOString(),
      deliveries: deliveries.map((d) =>
        deliveryView({ ...d, messageId: m.messageId, type: m.type, nextAttemptAt: d.status === 'pending' ? new Date(d.nextAttemptAt) : undefined }),
      ),
      attempts: attempts.map((a) => ({
        endpoint: a.endpoint,
        attempt: a.attempt,
        at: a.at.toISOString(),
        durationMs: a.durationMs,
        outcome: a.outcome,
        ...(a.statusCode == null ? {} : { statusCode: a.statusCode }),
        ...(a.error ? { error: a.error } : {}),
        ...(a.receipt ? { receipt: a.receipt } : {}),
      })),
    };
  }

  async resendNotification(messageId: string, endpoint?: string): Promise<{ messageId: string; endpoints: string[] }> {
    if (endpoint) this.endpointConfig(endpoint);
    const endpoints = await this.deps.store.outbox.resend(messageId, endpoint);
    if (endpoints.length === 0) throw new NotFoundError(endpoint ? `message ${messageId} has no delivery to ${endpoint}` : `no message ${messageId} in the outbox`);
    for (const e of endpoints) await this.wake(e);
    return { messageId, endpoints };
  }

  async recoverNotifications(endpoint: string, since: string): Promise<{ endpoint: string; since: string; recovered: number }> {
    this.endpointConfig(endpoint);
    const from = parseSince(since);
    const recovered = await this.deps.store.outbox.recover(endpoint, from);
    if (recovered > 0) await this.wake(endpoint);
    return { endpoint, since: from.toISOString(), recovered };
  }

  async health(): Promise<NotificationHealth> {
    const endpoints = await this.listNotificationEndpoints();
    return {
      pending: endpoints.reduce((n, e) => n + e.pending, 0),
      failed: endpoints.reduce((n, e) => n + e.failed, 0),
      endpoints: endpoints.map((e) => ({ name: e.name, enabled: e.enabled, pending: e.pending, failed: e.failed, ...(e.disabledReason ? { disabledReason: e.disabledReason } : {}) })),
    };
  }
}

function parseSince(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) throw new InvalidRequestError([{ path: 'since', message: `"${value}" is not a date or time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T08:00:00Z)` }]);
  return d;
}

function deliveryView(d: Pick<DeliveryView, 'endpoint' | 'messageId' | 'type' | 'orderKey' | 'status' | 'attempts' | 'nextAttemptAt' | 'lastAttemptAt' | 'deliveredAt' | 'lastStatus' | 'lastError' | 'createdAt'>): NotificationDeliveryView {
  return {
    endpoint: d.endpoint,
    messageId: d.messageId,
    type: d.type,
    orderKey: d.orderKey,
    status: d.status,
    attempts: d.attempts,
    ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt.toISOString() } : {}),
    ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt.toISOString() } : {}),
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt.toISOString() } : {}),
    ...(d.lastStatus == null ? {} : { lastStatus: d.lastStatus }),
    ...(d.lastError ? { lastError: d.lastError } : {}),
    createdAt: d.createdAt.toISOString(),
  };
}
