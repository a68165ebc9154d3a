import { Context } from '@temporalio/activity';
import type { Logger } from '../domain/logger';
import { notificationMessageOf, OutboxRouting, retryDelayMs, TransmitOutcome, Transmitter } from '../domain/outbox';
import type { DeliveryUpdate, DueDelivery } from '../store/outbox';
import type { Store } from '../store/store';
import { mapFailures } from './failures';
import { recordWebhookDelivery, WebhookOutcome } from '../metrics';
import type { DeliveryActivities, DeliveryBatchResult } from './outbox-types';

/**
 * One delivery batch for one endpoint. The store is the source of truth: each delivery row holds
 * its attempts and next attempt time, the endpoint row its backoff. A batch takes the due
 * messages (oldest first; a key's messages one after another, keys in parallel up to the
 * concurrency), sends them, and writes every outcome and the attempt log in one transaction.
 *
 * - A refusal (3xx, 4xx) is the message's: it waits for its own next step of the retry schedule,
 *   and is given up when the schedule is used up; later messages of its key wait behind it.
 * - The endpoint being down (network, timeout, 5xx, 429 without Retry-After) is the endpoint's:
 *   no more messages are tried, and the endpoint backs off on the same schedule (its last step
 *   repeating) instead of every message burning its attempts on an endpoint that is not there.
 *   After the pause one message goes alone as a probe; when it gets through the rest follow.
 * - Retry-After (429, 503) pauses the endpoint for as long as it asks.
 * - 410 Gone disables the endpoint; so do failures without a break for `disableAfterMs`. The
 *   operator is told. Nothing waiting is dropped: enabling the endpoint delivers it.
 */
export function createDeliveryActivities(deps: { store: Store; routing: () => OutboxRouting | undefined; logger: Logger; random?: () => number }): DeliveryActivities {
  const random = deps.random ?? Math.random;
  return mapFailures<DeliveryActivities>({
    async deliverDueMessages({ endpoint }) {
      const routing = deps.routing();
      if (!routing) throw new Error('no outbox endpoints are configured in this worker');
      const outbox = deps.store.outbox;
      const settings = routing.delivery;
      const result: DeliveryBatchResult = { endpoint, attempted: 0, delivered: 0, retrying: 0, gaveUp: 0, disabled: false, more: false };
      const state = await outbox.endpoint(endpoint);
      // A config-disabled endpoint's transmitter is never built (its custom module may not even exist here).
      const transmitter = routing.enabledInConfig(endpoint) && state.enabled ? routing.transmitter(endpoint) : undefined;
      if (!transmitter) {
        const reason = !routing.enabledInConfig(endpoint) ? 'disabled in the config (or not configured)' : !state.enabled ? (state.disabledReason ?? 'disabled') : 'not configured';
        return { ...result, disabled: true, disabledReason: reason, wakeAt: await outbox.nextAttemptAt(endpoint) };
      }
      const started = Date.now();
      if (state.pausedUntil > started) return { ...result, pausedUntil: state.pausedUntil, wakeAt: state.pausedUntil };

      const due = await outbox.dueDeliveries(endpoint, started, settings.batchSize);
      const probing = state.failureStreak > 0 || !!state.failingSince;
      const sent = await sendBatch(transmitter, due, probing ? 1 : settings.concurrency, settings.concurrency);

      const updates: DeliveryUpdate[] = [];
      const record = (s: Sent, outcome: WebhookOutcome) => recordWebhookDelivery({ endpoint, outcome, seconds: s.durationMs / 1000 });
      let endpointFailure: { outcome: Extract<TransmitOutcome, { ok: false }>; at: number } | undefined;
      let delivered = false;
      for (const s of sent) {
        const at = new Date(s.at);
        const base = { seq: s.delivery.seq, attempt: s.delivery.attempts + 1, at, durationMs: s.durationMs, status: s.outcome.status };
        if (s.outcome.ok) {
          updates.push({ ...base, result: 'delivered', receipt: s.outcome.receipt });
          delivered = true;
          record(s, 'delivered');
          continue;
        }
        const failure = s.outcome;
        result.lastError = failure.error;
        if (failure.kind === 'rejected') {
          const step = s.delivery.retryStep + 1;
          const delay = retryDelayMs(settings.retryScheduleSeconds, step, settings.jitter, random);
          if (delay === undefined) {
            updates.push({ ...base, result: 'failed', outcome: 'rejected', error: failure.error, retryStep: step });
            result.gaveUp++;
            record(s, 'gave_up');
          } else {
            updates.push({ ...base, result: 'retry', outcome: 'rejected', error: failure.error, nextAttemptAt: s.at + delay, retryStep: step });
            result.retrying++;
            record(s, 'failed');
          }
          continue;
        }
        // The endpoint's trouble: the message keeps its own step and goes again once the endpoint is back.
        endpointFailure ??= { outcome: failure, at: s.at };
        updates.push({ ...base, result: 'retry', outcome: failure.kind, error: failure.error, nextAttemptAt: s.at, retryStep: s.delivery.retryStep });
        result.retrying++;
        record(s, 'failed');
      }
      await outbox.recordAttempts(endpoint, updates);
      result.attempted = sent.length;
      result.delivered = updates.filter((u) => u.result === 'delivered').length;

      const now = Date.now();
      if (endpointFailure) {
        const f = endpointFailure.outcome;
        const failingSince = state.failingSince ?? new Date(endpointFailure.at);
        const streak = f.kind === 'unavailable' ? state.failureStreak + 1 : state.failureStreak;
        const pause = f.kind === 'throttled' ? f.retryAfterMs : (retryDelayMs(settings.retryScheduleSeconds, Math.max(1, streak), settings.jitter, random, true) ?? 0);
        const pausedUntil = now + pause;
        const gone = f.kind === 'gone';
        const tooLong = now - failingSince.getTime() >= settings.disableAfterMs;
        if (gone || tooLong) {
          const reason = gone ? `the endpoint answered ${f.error}` : `failing since ${failingSince.toISOString()} (${f.error})`;
          await outbox.updateEndpoint(endpoint, { enabled: false, disabledReason: reason, disabledAt: new Date(now), failingSince, failureStreak: streak, pausedUntil, alertedAt: new Date(now) });
          await routing.alert(endpoint, `notification endpoint ${endpoint} disabled`, `${reason}. Its messages wait in the outbox; enable it with: subsync notifications endpoint enable ${endpoint}`);
          return { ...result, disabled: true, disabledReason: reason, wakeAt: await outbox.nextAttemptAt(endpoint) };
        }
        await outbox.updateEndpoint(endpoint, { failingSince, failureStreak: streak, pausedUntil });
        deps.logger.warn({ endpoint, error: f.error, pausedUntil: new Date(pausedUntil).toISOString() }, 'notification endpoint unavailable: backing off');
        return { ...result, pausedUntil, wakeAt: pausedUntil };
      }
      if (delivered && (state.failingSince || state.failureStreak > 0 || state.pausedUntil > 0)) {
        await outbox.updateEndpoint(endpoint, { failingSince: null, failureStreak: 0, pausedUntil: 0, alertedAt: null });
        deps.logger.info({ endpoint }, 'notification endpoint answers again');
      }
      // A probe that got through ends the batch early: the rest are due, so go again at once.
      result.more = due.length >= settings.batchSize || (probing && delivered && sent.length < due.length);
      result.wakeAt = result.more ? now : await outbox.nextAttemptAt(endpoint);
      return result;
    },
  });
}

interface Sent {
  delivery: DueDelivery;
  outcome: TransmitOutcome;
  at: number;
  durationMs: number;
}

/**
 * Sends the due deliveries: keys in parallel (at most `concurrency` in flight), each key's
 * messages in order, a key stopping at its first failure. Once the endpoint itself fails, no
 * new send starts (those in flight finish). With `firstAlone`, one message goes first, alone
 * (a probe after a pause); only if it gets through do the others follow.
 */
async function sendBatch(transmitter: Transmitter, due: DueDelivery[], firstAlone: number, concurrency: number): Promise<Sent[]> {
  const byKey = new Map<string, DueDelivery[]>();
  for (const d of due) {
    const list = byKey.get(d.message.orderKey);
    if (list) list.push(d);
    else byKey.set(d.message.orderKey, [d]);
  }
  const queues = [...byKey.values()];
  const sent: Sent[] = [];
  let endpointDown = false;
  let lastBeat = Date.now();
  const sendOne = async (d: DueDelivery): Promise<boolean> => {
    const at = Date.now();
    const outcome = await transmitter.send({ seq: d.seq, ...notificationMessageOf(d.message), attempt: d.attempts + 1 });
    sent.push({ delivery: d, outcome, at, durationMs: Date.now() - at });
    if (!outcome.ok && outcome.kind !== 'rejected') endpointDown = true;
    if (Date.now() - lastBeat > 1000) {
      lastBeat = Date.now();
      Context.current().heartbeat({ sent: sent.length });
    }
    return outcome.ok;
  };
  const drain = async (queue: DueDelivery[]) => {
    for (const d of queue) {
      if (endpointDown) return;
      if (!(await sendOne(d))) return;
    }
  };
  if (firstAlone === 1 && queues.length > 0) {
    const first = queues[0]!;
    const ok = await sendOne(first.shift()!);
    // A refusal still shows the endpoint answers: only the endpoint failing again ends the batch.
    if (!ok && endpointDown) return sent;
    // The rest of a refused message's key waits behind it.
    if (!ok || first.length === 0) queues.shift();
  }
  let next = 0;
  const worker = async () => {
    while (!endpointDown && next < queues.length) await drain(queues[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
  return sent;
}
