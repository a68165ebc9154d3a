import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SubscriberActivities } from '../activities/types';
import type { BillingAccount, BlockReason } from '../domain/billing';
import { DesiredAccess, desiredAccess } from '../domain/desired-state';
import { DesiredTv, desiredTv } from '../domain/desired-tv';
import type { LifecycleEvent } from '../domain/events';
import { nextPeriodStart, periodId } from '../domain/period';
import { AccessServicePolicy, servicesFor, ServicePolicy, SubscriberPolicy } from '../domain/policy';
import { SubsyncBilling, SubsyncLogin, SubsyncParked, SubsyncParkedReason, SubsyncPlatforms, SubsyncStatus, SubsyncSubscriber } from '../domain/search-attributes';
import { LifecycleStatus, subscriberId } from '../domain/subscriber';
import {
  AppliedView,
  CommandView,
  eventStatusQuery,
  OperatorDecision,
  ParkedView,
  PlatformStateView,
  resolveParkedUpdate,
  stateQuery,
  submitEventUpdate,
  SubmitResult,
  SubscriberView,
  SubscriberWorkflowInput,
} from './definitions';

/** A queued unit of work: a billing event, or the workflow's own periodic charge. */
interface Command extends CommandView {
  event?: LifecycleEvent;
}

/** Everything that survives continue-as-new. */
interface SubscriberState {
  status: LifecycleStatus;
  blockReason?: BlockReason;
  login?: string;
  /** A login given by a create/link event, used when billing has none. */
  loginOverride?: string;
  agreementId?: string;
  activeServices: string[];
  seenActive: string[];
  platforms: Record<string, PlatformStateView>;
  charges: Record<string, { lastPeriod?: string; unpaid?: { period: string; amount: number } }>;
  queue: Command[];
  recentIds: string[];
  recent: AppliedView[];
  parked?: ParkedView & { command: Command };
}

type PricedService = AccessServicePolicy & { charge: NonNullable<AccessServicePolicy['charge']> };

const RECENT_IDS = 500;
const RECENT_VIEWS = 20;

const bootstrap = proxyActivities<Pick<SubscriberActivities, 'loadPolicy'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One workflow per billing account. Events arrive as updates and are applied strictly in
 * order; each one re-reads the account from billing and converges every platform to it.
 * Transient failures retry inside the activities for as long as it takes; a permanent one
 * parks the command until an operator says retry or skip.
 */
export async function subscriberWorkflow(input: SubscriberWorkflowInput): Promise<void> {
  const key = input.key;
  const s: SubscriberState = (input.carried as SubscriberState | undefined) ?? {
    status: 'new',
    activeServices: [],
    seenActive: [],
    platforms: {},
    charges: {},
    queue: [],
    recentIds: [],
    recent: [],
  };
  let current: Command | undefined;
  let decision: OperatorDecision | undefined;
  /** The last search attributes upserted, so unchanged ones cost no history event. */
  let published = '';
  // Known once the policy is loaded; queries that arrive before that see no services yet.
  let services: ServicePolicy[] = [];
  /** Services subsync prices itself and charges each period. */
  let pricedServices: PricedService[] = [];

  setHandler(
    submitEventUpdate,
    (event): SubmitResult => {
      const known = s.recentIds.includes(event.id) || current?.id === event.id || s.parked?.id === event.id;
      if (known || s.queue.some((c) => c.id === event.id)) return { eventId: event.id, outcome: 'duplicate', position: Math.max(0, s.queue.findIndex((c) => c.id === event.id)) };
      s.queue.push({ id: event.id, type: event.type, receivedAt: new Date().toISOString(), event });
      s.recentIds.push(event.id);
      if (s.recentIds.length > RECENT_IDS) s.recentIds.splice(0, s.recentIds.length - RECENT_IDS);
      return { eventId: event.id, outcome: 'accepted', position: s.queue.length - 1 };
    },
    {
      validator: (event) => {
        if (event.billing !== key.billing || event.account !== key.account) {
          throw new Error(`event for ${event.billing}:${event.account} sent to subscriber ${subscriberId(key)}`);
        }
      },
    },
  );
  setHandler(
    resolveParkedUpdate,
    (d) => {
      decision = d;
      return { commandId: s.parked!.id, action: d.action };
    },
    {
      validator: (d) => {
        if (!s.parked) throw new Error('nothing is parked');
        if (decision) throw new Error('a decision is already being applied');
        if (d.action !== 'retry' && d.action !== 'skip') throw new Error(`unknown action "${d.action}"`);
      },
    },
  );
  setHandler(stateQuery, (): SubscriberView => view());
  setHandler(eventStatusQuery, (id) => {
    if (s.parked?.id === id) return 'parked';
    if (current?.id === id || s.queue.some((c) => c.id === id)) return 'queued';
    const done = s.recent.find((r) => r.id === id);
    if (done) return done.outcome;
    return s.recentIds.includes(id) ? 'applied' : 'unknown';
  });

  const policy: SubscriberPolicy = await bootstrap.loadPolicy();
  services = servicesFor(policy, key.billing);
  pricedServices = services.filter((svc): svc is PricedService => svc.role === 'access' && !!svc.charge);
  const act = proxyActivities<SubscriberActivities>({
    startToCloseTimeout: policy.activity.startToCloseTimeoutMs,
    retry: {
      initialInterval: policy.activity.retry.initialIntervalMs,
      backoffCoefficient: policy.activity.retry.backoffCoefficient,
      maximumInterval: policy.activity.retry.maximumIntervalMs,
    },
  });
  publish(true);

  for (;;) {
    const wakeAt = nextChargeAt();
    const due = () => wakeAt !== undefined && Date.now() >= wakeAt;
    const ready = () => s.queue.length > 0 || due() || historyIsLong();
    if (wakeAt === undefined) await condition(ready);
    else await condition(ready, Math.max(1, wakeAt - Date.now()));
    if (due() && !s.queue.some((c) => c.type === 'charge')) {
      s.queue.push({ id: `charge:${Date.now()}`, type: 'charge', receivedAt: new Date().toISOString() });
    }
    const cmd = s.queue.shift();
    if (cmd) {
      current = cmd;
      const outcome = await runUntilDone(cmd);
      s.recent.unshift({ id: cmd.id, type: cmd.type, receivedAt: cmd.receivedAt, outcome, at: new Date().toISOString() });
      s.recent.splice(RECENT_VIEWS);
      current = undefined;
      publish();
    }
    if (historyIsLong()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof subscriberWorkflow>({ key, carried: s });
    }
  }

  function historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= policy.continueAsNewAfterEvents;
  }

  /** Applies a command; on a permanent failure parks it and waits for the operator. */
  async function runUntilDone(cmd: Command): Promise<'applied' | 'skipped'> {
    for (;;) {
      try {
        await apply(cmd);
        return 'applied';
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
        s.parked = { id: cmd.id, type: cmd.type, receivedAt: cmd.receivedAt, reason: cause?.message ?? err.message, errorType: cause?.type ?? undefined, since: new Date().toISOString(), command: cmd };
        publish();
        await act.recordAudit({ key, eventId: cmd.id, action: 'parked', detail: { reason: s.parked.reason, errorType: s.parked.errorType } });
        await condition(() => decision !== undefined);
        const d = decision!;
        decision = undefined;
        s.parked = undefined;
        publish();
        await act.recordAudit({ key, eventId: cmd.id, action: d.action === 'retry' ? 'operator-retry' : 'operator-skip', detail: { by: d.by, note: d.note } });
        if (d.action === 'skip') return 'skipped';
      }
    }
  }

  async function apply(cmd: Command): Promise<void> {
    const event = cmd.event;
    if (cmd.type === 'charge') return chargeDueServices(cmd);
    if (event?.type === 'create' || event?.type === 'link') {
      if (event.login) s.loginOverride = event.login;
      await reconcile(cmd, true);
      return;
    }
    if (event?.type === 'payment') await retryUnpaidCharges();
    await reconcile(cmd, false);
  }

  /** Re-reads billing and converges each platform of this billing system to it. */
  async function reconcile(cmd: Command, mustExist: boolean): Promise<void> {
    let account = await act.readBillingAccount({ key });
    if (!account) {
      if (mustExist) throw ApplicationFailure.nonRetryable(`account ${key.account} does not exist in ${key.billing}`, 'AccountNotFound');
      account = { billing: key.billing, accountId: key.account, agreementId: s.agreementId ?? '', status: 'disabled', services: [] } satisfies BillingAccount;
    }
    const login = account.login ?? s.loginOverride;
    const activeServices = account.services.filter((x) => x.active).map((x) => x.service);
    const withLogin: BillingAccount = { ...account, login };
    for (const svc of services) {
      if (svc.role === 'access') {
        await converge(cmd, svc.platform, desiredAccess(withLogin, svc, s.seenActive));
        if (activeServices.includes(svc.service) && !s.seenActive.includes(svc.service)) s.seenActive.push(svc.service);
      } else {
        const known = Object.entries(s.platforms).map(([k, p]) => ({ key: k, platform: p.platform, subscriptionId: p.subscriptionId, login: p.login, attached: p.attached }));
        for (const desired of desiredTv(account, svc, known)) await converge(cmd, desired.key, desired);
      }
    }
    // The subscriber's state moves only once every platform confirmed it.
    s.status = account.status;
    s.blockReason = account.blockReason;
    s.agreementId = account.agreementId || s.agreementId;
    s.login = login;
    s.activeServices = activeServices;
    await act.recordAudit({ key, eventId: cmd.id, action: `applied:${cmd.type}`, detail: { status: s.status, platforms: Object.values(s.platforms).map((p) => ({ platform: p.platform, attached: p.attached, capabilities: p.capabilities })) } });
  }

  /** Plans against the platform's actual state, then applies each step; the state records what the platform confirmed. */
  async function converge(cmd: Command, slot: string, desired: DesiredAccess | DesiredTv): Promise<void> {
    const steps = await act.planPlatformSteps({ key, desired, known: s.platforms[slot] });
    for (const [i, step] of steps.entries()) {
      s.platforms[slot] = await act.applyPlatformStep({ key, step, idempotencyKey: `${subscriberId(key)}:${cmd.id}:${slot}:${i}:${step.op}` });
    }
    if (!desired.present && s.platforms[slot]) s.platforms[slot] = { ...s.platforms[slot], attached: false, capabilities: [] };
  }

  function chargeable(svc: PricedService): boolean {
    return s.status === 'active' && s.activeServices.includes(svc.service) && !s.charges[svc.service]?.unpaid;
  }

  /** When the next periodic charge falls due: now if the current period is unpaid-for. */
  function nextChargeAt(): number | undefined {
    let at: number | undefined;
    const now = Date.now();
    for (const svc of pricedServices) {
      if (!chargeable(svc)) continue;
      const period = svc.charge.period;
      const candidate = s.charges[svc.service]?.lastPeriod === periodId(period, now) ? nextPeriodStart(period, now) : now;
      at = at === undefined ? candidate : Math.min(at, candidate);
    }
    return at;
  }

  async function chargeDueServices(cmd: Command): Promise<void> {
    for (const svc of pricedServices) {
      if (!chargeable(svc) || !s.agreementId) continue;
      const period = periodId(svc.charge.period, Date.now());
      if (s.charges[svc.service]?.lastPeriod === period) continue;
      const result = await act.chargeService({
        key, agreementId: s.agreementId, service: svc.service, period, amount: svc.charge.amount, comment: svc.charge.comment,
        idempotencyKey: `${subscriberId(key)}:${svc.service}:${period}`,
      });
      const entry = (s.charges[svc.service] ??= {});
      if (result.status === 'charged') {
        entry.lastPeriod = period;
      } else {
        // The block policy for insufficient funds: block in billing, then converge platforms to it.
        entry.unpaid = { period, amount: svc.charge.amount };
        await act.setBillingBlock({ key, reason: 'insufficient_funds' });
        await reconcile(cmd, false);
      }
    }
  }

  /** A payment arrived: charge what is unpaid with the same idempotency keys; lift our block once all is paid. */
  async function retryUnpaidCharges(): Promise<void> {
    let paidAny = false;
    for (const svc of pricedServices) {
      const entry = s.charges[svc.service];
      if (!entry?.unpaid || !s.agreementId) continue;
      const { period, amount } = entry.unpaid;
      const result = await act.chargeService({ key, agreementId: s.agreementId, service: svc.service, period, amount, comment: svc.charge.comment, idempotencyKey: `${subscriberId(key)}:${svc.service}:${period}` });
      if (result.status === 'charged') {
        entry.unpaid = undefined;
        entry.lastPeriod = period;
        paidAny = true;
      }
    }
    if (paidAny && !Object.values(s.charges).some((c) => c.unpaid)) await act.setBillingBlock({ key, reason: null });
  }

  function view(): SubscriberView {
    const strip = ({ id, type, receivedAt }: Command): CommandView => ({ id, type, receivedAt });
    return {
      key,
      status: s.status,
      blockReason: s.blockReason,
      login: s.login,
      platforms: Object.values(s.platforms),
      charges: pricedServices.map((svc) => ({
        service: svc.service,
        lastChargedPeriod: s.charges[svc.service]?.lastPeriod,
        unpaid: s.charges[svc.service]?.unpaid,
        nextChargeAt: chargeable(svc) ? new Date(nextChargeAt()!).toISOString() : undefined,
      })),
      current: current && strip(current),
      pending: s.queue.map(strip),
      parked: s.parked && { id: s.parked.id, type: s.parked.type, receivedAt: s.parked.receivedAt, reason: s.parked.reason, errorType: s.parked.errorType, since: s.parked.since },
      recent: s.recent,
    };
  }

  /** Search attributes and the UI's current details follow the state; upserted only when they change. */
  function publish(force = false): void {
    const attrs = {
      status: s.status,
      login: s.login ?? null,
      platforms: Object.values(s.platforms).filter((p) => p.attached).map((p) => p.platform).sort(),
      parked: !!s.parked,
      reason: s.parked?.reason ?? null,
    };
    const fingerprint = JSON.stringify(attrs);
    if (force || fingerprint !== published) {
      published = fingerprint;
      upsertSearchAttributes([
        { key: SubsyncSubscriber, value: subscriberId(key) },
        { key: SubsyncBilling, value: key.billing },
        { key: SubsyncStatus, value: attrs.status },
        { key: SubsyncLogin, value: attrs.login },
        { key: SubsyncPlatforms, value: attrs.platforms },
        { key: SubsyncParked, value: attrs.parked },
        { key: SubsyncParkedReason, value: attrs.reason },
      ]);
    }
    const lines = [
      `**${subscriberId(key)}** — ${s.status}${s.blockReason ? ` (${s.blockReason})` : ''}${s.login ? `, login \`${s.login}\`` : ''}`,
      ...Object.values(s.platforms).map((p) => `- ${p.platform}: ${p.attached ? `attached, ${p.capabilities.join(', ') || 'no capabilities'}` : 'not attached'}`),
      s.parked ? `\n**Parked** ${s.parked.type} (${s.parked.id}): ${s.parked.reason} — retry or skip with \`subsync retry|skip ${key.billing} ${key.account}\`` : '',
      s.queue.length ? `\n${s.queue.length} command(s) pending` : '',
    ];
    setCurrentDetails(lines.filter(Boolean).join('\n'));
  }
}
