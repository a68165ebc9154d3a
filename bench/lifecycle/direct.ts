import { performance } from 'node:perf_hooks';
import type { Config } from '../../config/schema';
import type { BillingSystem } from '../../connectors/ports';
import type { BillingAccount } from '../../domain/billing';
import type { Logger } from '../../domain/logger';
import { ChargePeriod, periodId } from '../../domain/period';
import { subscriberId } from '../../domain/subscriber';
import { directCommands } from '../support/direct-commands';
import { runPool } from '../support/pool';
import { CommandSample, DriveResult, progressEvery } from './drive';
import { BenchSubscriber, BILLING, eventFor, LifecycleStep, LIFECYCLE } from './plan';
import type { LifecycleSimulators } from './simulators';

/**
 * The same lifecycle without Temporal, store or API: what a hook script calling the connectors
 * itself would do. Same connectors, config, service kinds and plans as the workflow's activity;
 * no durability, no ordering guarantees, no audit, no retries.
 */
export async function driveDirect(options: {
  config: Config;
  logger: Logger;
  simulators: LifecycleSimulators;
  subscribers: BenchSubscriber[];
  concurrency: number;
  progress: (message: string) => void;
  signal: AbortSignal;
}): Promise<DriveResult> {
  const direct = directLifecycle(options);
  const samples: CommandSample[] = [];
  const managerMs: number[] = [];
  const done = progressEvery(options.subscribers.length, 'direct calls', options.progress);
  const started = performance.now();
  await runPool(options.subscribers, options.concurrency, async (subscriber) => {
    for (const step of LIFECYCLE) {
      if (step.manager) {
        const m0 = performance.now();
        await options.simulators.manage(step.manager, subscriber);
        managerMs.push(performance.now() - m0);
      }
      const triggeredAt = Date.now();
      const t0 = performance.now();
      await direct.apply(subscriber, step);
      samples.push({ subscriber, type: step.type, latencyMs: performance.now() - t0, triggeredAt });
    }
    done();
  }, options.signal);
  return { samples, wallMs: performance.now() - started, managerMs };
}

/**
 * One lifecycle command's connector calls, as the workflow's activity makes them (read the
 * account, plan, converge each platform slot: bench/support/direct-commands.ts), then the first
 * period's charge, with what the workflow remembers between a subscriber's commands kept per
 * subscriber. Commands of one subscriber must come in order; the floor's `platform` mode makes
 * them in its activity.
 */
export function directLifecycle(options: { config: Config; logger: Logger }): { apply(subscriber: BenchSubscriber, step: LifecycleStep): Promise<void> } {
  const direct = directCommands({ ...options, billing: BILLING });
  return {
    async apply(s, step) {
      const account = await direct.apply(s.account, eventFor(s, step).id);
      const active = account.services.filter((x) => x.active).map((x) => x.service);
      const externalId = subscriberId({ billing: BILLING, account: s.account });
      // The workflow charges the first period as soon as the service is active; so does this path, in the same command.
      for (const svc of direct.services) {
        if (step.type === 'service.enable' && svc.charge && active.includes(svc.service) && account.status === 'active') await charge(direct.billing, account, externalId, svc.service, svc.charge);
      }
    },
  };
}

/** The workflow's charge: same amount, same idempotency key (subscriber, service, period). */
async function charge(billing: BillingSystem, account: BillingAccount, externalId: string, service: string, policy: { amount: number; period: ChargePeriod; comment: string }): Promise<void> {
  const period = periodId(policy.period, Date.now());
  const result = await billing.charge({ accountId: account.accountId, agreementId: account.agreementId, amount: policy.amount, idempotencyKey: `${externalId}:${service}:${period}`, comment: `${policy.comment} ${period}` });
  if (result.status !== 'charged') throw new Error(`charge of ${externalId} refused: ${result.status}`);
}
