import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplyCommandInput, ApplyCommandResult, AuditInput, ChargeRequest, LegacySubscriberActivities, PartialProgress, SubscriberActivities } from '../activities/types';
import type { SubmittedEvent } from '../domain/events';
import { nextPeriodStart, periodId } from '../domain/period';
import { servicesFor, SubscriberPolicy } from '../domain/policy';
import { SubsyncBilling, SubsyncLogin, SubsyncParked, SubsyncParkedReason, SubsyncPlatforms, SubsyncStatus, SubsyncSubscriber } from '../domain/search-attributes';
import type { SessionRecord } from '../domain/session';
import { subscriberId } from '../domain/subscriber';
import {
  CommandView,
  EventStatus,
  eventStatusQuery,
  OperatorDecision,
  recordSessionUpdate,
  resolveParkedUpdate,
  sessionsQuery,
  stateQuery,
  submitEventUpdate,
  SubmitOptions,
  SubmitResult,
  SubscriberView,
  SubscriberWorkflowInput,
} from './definitions';
import { applyV1Command, V1Activities } from './subscriber-v1';
import type { Command, PricedService, SubscriberState } from './subscriber-state';

/**
 * Release 0.2 runs a command as one activity (applyCommand) and completes the submitEvent update
 * once the command is done. Runs started by release 0.1 replay its path (subscriber-v1.ts) for the
 * commands already in their history and take this one for every command after.
 */
export const ONE_ACTIVITY_PER_COMMAND = 'one-activity-per-command';

const RECENT_IDS = 500;
const RECENT_VIEWS = 20;
const SESSIONS_KEPT = 50;

/**
 * One workflow per billing account. Events arrive as updates and are applied strictly in
 * order; each one re-reads the account from billing and converges every platform to it.
 * Transient failures retry for as long as it takes; a permanent one parks the command until
 * an operator says retry or skip.
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
  /** Services subsync prices itself and charges each period. */
  let pricedServices: PricedService[] = [];

  setHandler(
    submitEventUpdate,
    async (event: SubmittedEvent, options?: SubmitOptions): Promise<SubmitResult> => {
      const queued = s.queue.findIndex((c) => c.id === event.id);
      const duplicate = isKnown(event.id) || queued >= 0;
      if (!duplicate) {
        s.queue.push({ id: event.id, type: event.type, receivedAt: new Date().toISOString(), event, ...(event.submittedBy ? { submittedBy: event.submittedBy } : {}) });
        s.recentIds.push(event.id);
        if (s.recentIds.length > RECENT_IDS) s.recentIds.splice(0, s.recentIds.length - RECENT_IDS);
      }
      const result: SubmitResult = { eventId: event.id, outcome: duplicate ? 'duplicate' : 'accepted', position: duplicate ? Math.max(0, queued) : s.queue.length - 1 };
      if (!options?.waitUntilDone) return result;
      await condition(() => statusOf(event.id) !== 'queued');
      return { ...result, status: statusOf(event.id), subscriber: view() };
    },
    {
      validator: (event: SubmittedEvent, _options?: SubmitOptions) => {
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
  setHandler(eventStatusQuery, (id) => statusOf(id));
  // Sessions are recorded beside the command queue: a booking is answered by the platform at once and never waits for or parks a command.
  setHandler(
    recordSessionUpdate,
    (record: SessionRecord) => {
      const others = (s.sessions ?? []).filter((r) => !(r.service === record.service && r.sessionId === record.sessionId));
      s.sessions = [record, ...others].slice(0, SESSIONS_KEPT);
      return { sessions: s.sessions.length };
    },
    {
      validator: (record: SessionRecord) => {
        if (!record?.sessionId || !record.service) throw new Error('a session record needs sessionId and service');
      },
    },
  );
  setHandler(sessionsQuery, (): SessionRecord[] => s.sessions ?? []);

  const loaded: SubscriberPolicy = await (patched(ONE_ACTIVITY_PER_COMMAND) ? quick : v1Bootstrap).loadPolicy();
  pricedServices = servicesFor(loaded.services, key.billing).filter((svc): svc is PricedService => !!svc.charge);
  const retry = {
    initialInterval: loaded.activity.retry.initialIntervalMs,
    backoffCoefficient: loaded.activity.retry.backoffCoefficient,
    maximumInterval: loaded.activity.retry.maximumIntervalMs,
  };
  // applyCommand heartbeats (activities/heartbeat.ts): a command whose worker died is taken over in seconds, not after the whole timeout.
  const act = proxyActivities<SubscriberActivities>({ startToCloseTimeout: loaded.activity.startToCloseTimeoutMs, heartbeatTimeout: '10 seconds', retry });
  const legacy = proxyActivities<LegacySubscriberActivities>({ startToCloseTimeout: loaded.activity.startToCloseTimeoutMs, retry });
  // proxyActivities answers property reads; it has no own properties to spread.
  const v1: V1Activities = {
    readBillingAccount: legacy.readBillingAccount,
    planPlatformSteps: legacy.planPlatformSteps,
    applyPlatformStep: legacy.applyPlatformStep,
    chargeService: legacy.chargeService,
    setBillingBlock: legacy.setBillingBlock,
    recordAudit: act.recordAudit,
  };
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
      s.recent.unshift({ id: cmd.id, type: cmd.type, receivedAt: cmd.receivedAt, ...(cmd.submittedBy ? { submittedBy: cmd.submittedBy } : {}), outcome, at: new Date().toISOString() });
      s.recent.splice(RECENT_VIEWS);
      current = undefined;
      publish();
    }
    // Waiting updates belong to this run: continue as new only once the queue is empty and they answered.
    if (historyIsLong() && s.queue.length === 0) {
      await condition(() => allHandlersFinished() || s.queue.length > 0);
      if (s.queue.length === 0) await continueAsNew<typeof subscriberWorkflow>({ key, carried: s });
    }
  }

  function historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= loaded.continueAsNewAfterEvents;
  }

  function isKnown(id: string): boolean {
    return s.recentIds.includes(id) || current?.id === id || s.parked?.id === id;
  }

  function statusOf(id: string): EventStatus {
    if (s.parked?.id === id) return 'parked';
    if (current?.id === id || s.queue.some((c) => c.id === id)) return 'queued';
    const done = s.recent.find((r) => r.id === id);
    if (done) return done.outcome;
    return s.recentIds.includes(id) ? 'applied' : 'unknown';
  }

  /** Applies a command; on a permanent failure parks it and waits for the operator. */
  async function runUntilDone(cmd: Command): Promise<'applied' | 'skipped'> {
    // Each park → decision cycle of this command is audited as its own round (the audit keeps one row per round).
    for (let round = 1; ; round++) {
      const inRound = round > 1 ? { round } : {};
      try {
        if (patched(ONE_ACTIVITY_PER_COMMAND)) await apply(cmd);
        else await applyV1Command({ key, s, cmd, services: servicesFor(loaded.services, key.billing), pricedServices, act: v1 });
        return 'applied';
      } catch (err) {
        // A regular activity's permanent failure comes wrapped; a local activity's comes as it was thrown.
        if (!(err instanceof ActivityFailure) && !(err instanceof ApplicationFailure)) throw err;
        const cause = err instanceof ApplicationFailure ? err : err.cause instanceof ApplicationFailure ? err.cause : undefined;
        keepPartialProgress(cause);
        s.parked = { id: cmd.id, type: cmd.type, receivedAt: cmd.receivedAt, reason: cause?.message ?? err.message, errorType: cause?.type ?? undefined, since: new Date().toISOString(), command: cmd };
        publish();
        await audit({ key, eventId: cmd.id, action: 'parked', ...inRound, detail: { reason: s.parked.reason, errorType: s.parked.errorType } });
        await condition(() => decision !== undefined);
        const d = decision!;
        decision = undefined;
        s.parked = undefined;
        publish();
        await audit({ key, eventId: cmd.id, action: d.action === 'retry' ? 'operator-retry' : 'operator-skip', ...inRound, detail: { by: d.by, note: d.note } });
        if (d.action === 'skip') return 'skipped';
      }
    }
  }

  function audit(entry: AuditInput): Promise<void> {
    return patched(ONE_ACTIVITY_PER_COMMAND) ? quick.recordAudit(entry) : act.recordAudit(entry);
  }

  async function apply(cmd: Command): Promise<void> {
    const event = cmd.event;
    if ((event?.type === 'create' || event?.type === 'link') && event.login) s.loginOverride = event.login;
    const charges = cmd.type === 'charge' ? dueCharges() : event?.type === 'payment' ? unpaidCharges() : [];
    const request: ApplyCommandInput = {
      key,
      commandId: cmd.id,
      commandType: cmd.type,
      mustExist: event?.type === 'create' || event?.type === 'link',
      loginOverride: s.loginOverride,
      agreementId: s.agreementId,
      slots: s.platforms,
      seenActive: s.seenActive,
      charges,
      liftBlockWhenPaid: event?.type === 'payment' && charges.length > 0,
    };
    record(await applyCommand(request), charges);
  }

  /**
   * The command's activity: first as a local activity (one history event, no extra workflow task),
   * and when that keeps failing, as a regular activity that retries for as long as it takes and
   * shows operators its attempts and last failure. The activity is idempotent either way.
   */
  async function applyCommand(request: ApplyCommandInput): Promise<ApplyCommandResult> {
    try {
      return await quickCommand.applyCommand(request);
    } catch (err) {
      // Permanent: park. Anything else (platform down, slow, a timeout): the regular activity takes over,
      // no sooner than a platform that rate-limited us asked.
      if (err instanceof ApplicationFailure && err.nonRetryable) throw err;
      const retryAfterMs = err instanceof ApplicationFailure && err.type === 'RateLimited' ? (err.details?.[0] as { retryAfterMs?: number } | undefined)?.retryAfterMs : undefined;
      if (retryAfterMs) await sleep(retryAfterMs);
      return act.applyCommand(request);
    }
  }

  /** Local state moves only to what billing and the platforms confirmed. */
  function record(r: ApplyCommandResult, asked: ChargeRequest[]): void {
    Object.assign(s.platforms, r.slots);
    recordCharges(r.charges, asked);
    s.status = r.account.status;
    s.blockReason = r.account.blockReason;
    s.agreementId = r.account.agreementId || s.agreementId;
    s.login = r.account.login;
    s.activeServices = r.account.activeServices;
    s.seenActive = r.seenActive;
  }

  function recordCharges(outcomes: { service: string; period: string; status: string }[], asked: ChargeRequest[]): void {
    for (const o of outcomes) {
      const entry = (s.charges[o.service] ??= {});
      if (o.status === 'charged') {
        entry.lastPeriod = o.period;
        if (entry.unpaid?.period === o.period) entry.unpaid = undefined;
      } else {
        const amount = asked.find((c) => c.service === o.service && c.period === o.period)?.amount ?? 0;
        entry.unpaid = { period: o.period, amount };
      }
    }
  }

  /** What the activity confirmed before a permanent failure stays confirmed. */
  function keepPartialProgress(cause: ApplicationFailure | undefined): void {
    const partial = cause?.details?.[0] as PartialProgress | undefined;
    if (!partial || typeof partial !== 'object' || !partial.slots) return;
    Object.assign(s.platforms, partial.slots);
    recordCharges(partial.charges ?? [], [...dueCharges(), ...unpaidCharges()]);
  }

  function chargeKey(service: string, period: string): string {
    return `${subscriberId(key)}:${service}:${period}`;
  }

  function chargeable(svc: PricedService): boolean {
    return s.status === 'active' && s.activeServices.includes(svc.service) && !s.charges[svc.service]?.unpaid;
  }

  /** The periods that fell due and are not charged yet. */
  function dueCharges(): ChargeRequest[] {
    if (!s.agreementId) return [];
    return pricedServices.flatMap((svc) => {
      const period = periodId(svc.charge.period, Date.now());
      if (!chargeable(svc) || s.charges[svc.service]?.lastPeriod === period) return [];
      return [{ service: svc.service, period, amount: svc.charge.amount, comment: svc.charge.comment, idempotencyKey: chargeKey(svc.service, period) }];
    });
  }

  /** A payment arrived: what is unpaid, charged again with the same idempotency keys. */
  function unpaidCharges(): ChargeRequest[] {
    if (!s.agreementId) return [];
    return pricedServices.flatMap((svc) => {
      const unpaid = s.charges[svc.service]?.unpaid;
      return unpaid ? [{ service: svc.service, period: unpaid.period, amount: unpaid.amount, comment: svc.charge.comment, idempotencyKey: chargeKey(svc.service, unpaid.period) }] : [];
    });
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

  function view(): SubscriberView {
    const strip = ({ id, type, receivedAt, submittedBy }: Command): CommandView => ({ id, type, receivedAt, ...(submittedBy ? { submittedBy } : {}) });
    const next = nextChargeAt();
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
        nextChargeAt: chargeable(svc) && next !== undefined ? new Date(next).toISOString() : undefined,
      })),
      current: current && strip(current),
      pending: s.queue.map(strip),
      parked: s.parked && { ...strip(s.parked.command), reason: s.parked.reason, errorType: s.parked.errorType, since: s.parked.since },
      recent: s.recent,
    };
  }

  /** Search attributes and the UI's current details follow the state; upserted only when they change. */
  function publish(force = false): void {
    const attrs = {
      status: s.status,
      login: s.login ?? null,
      platforms: [...new Set(Object.values(s.platforms).filter((p) => p.attached).map((p) => p.platform))].sort(),
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
      ...Object.values(s.platforms).map((p) => `- ${p.platform}: ${p.summary ?? (p.attached ? `attached, ${p.capabilities.join(', ') || 'no capabilities'}` : 'not attached')}`),
      s.parked ? `\n**Parked** ${s.parked.type} (${s.parked.id}): ${s.parked.reason} — retry or skip with \`subsync retry|skip ${key.billing} ${key.account}\`` : '',
      s.queue.length ? `\n${s.queue.length} command(s) pending` : '',
    ];
    setCurrentDetails(lines.filter(Boolean).join('\n'));
  }
}

/** Release 0.1 loaded the policy with a regular activity; its histories replay that way. */
const v1Bootstrap = proxyActivities<Pick<SubscriberActivities, 'loadPolicy'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Short calls that record a marker instead of three events and a workflow task: policy and audit. */
const quick = proxyLocalActivities<Pick<SubscriberActivities, 'loadPolicy' | 'recordAudit'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The command's fast path: a few quick local attempts. When the platforms answer, this is the whole
 * cost of a command; when they do not, the workflow hands over to the regular activity.
 */
const quickCommand = proxyLocalActivities<Pick<SubscriberActivities, 'applyCommand'>>({
  startToCloseTimeout: '20 seconds',
  localRetryThreshold: '10 seconds',
  // A rate limit goes straight to the workflow, which waits the platform's Retry-After.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds', maximumAttempts: 3, nonRetryableErrorTypes: ['RateLimited'] },
});
