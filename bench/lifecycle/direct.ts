import { performance } from 'node:perf_hooks';
import { policyFromConfig } from '../../activities/subscriber-activities';
import type { Config } from '../../config/schema';
import type { BillingSystem, ServicePlatform } from '../../connectors/ports';
import type { BillingAccount } from '../../domain/billing';
import { buildConnectors } from '../../connectors/registry';
import { desiredAccess } from '../../domain/desired-state';
import { ChargePeriod, periodId } from '../../domain/period';
import { servicesFor } from '../../domain/policy';
import { subscriberId } from '../../domain/subscriber';
import type { Logger } from '../../domain/logger';
import type { LanbillingSimulator } from '../../simulators/lanbilling';
import { runPool } from '../support/pool';
import { CommandSample, DriveResult, progressEvery } from './drive';
import { BenchSubscriber, BILLING, eventFor, LifecycleStep, LIFECYCLE } from './plan';

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The same lifecycle without Temporal, store or API: what a hook script calling the connectors
 * itself would do. Same connectors, config, capability matrix and decision (desiredAccess)
 * as the workflow; no durability, no ordering guarantees, no audit, no retries.
 */
export async function driveDirect(options: {
  config: Config;
  logger: Logger;
  billing: LanbillingSimulator;
  subscribers: BenchSubscriber[];
  concurrency: number;
  progress: (message: string) => void;
  signal: AbortSignal;
}): Promise<DriveResult> {
  const connectors = buildConnectors(options.config, { logger: options.logger });
  const billing = connectors.billing.get(BILLING)!;
  const services = servicesFor(policyFromConfig(options.config), BILLING).flatMap((svc) => (svc.role === 'access' ? [svc] : []));
  const platforms = new Map(services.map((svc) => [svc.platform, connectors.platforms.get(svc.platform) as ServicePlatform]));
  const samples: CommandSample[] = [];
  const done = progressEvery(options.subscribers.length, 'direct calls', options.progress);
  const started = performance.now();
  await runPool(options.subscribers, options.concurrency, async (subscriber) => {
    // What the workflow remembers between events: services seen active, so a removed one detaches.
    const seenActive: string[] = [];
    for (const step of LIFECYCLE) {
      step.inBilling?.(options.billing, subscriber);
      const triggeredAt = Date.now();
      const t0 = performance.now();
      await applyDirectly(subscriber, step);
      samples.push({ subscriber, type: step.type, latencyMs: performance.now() - t0, triggeredAt });
    }
    done();

    async function applyDirectly(s: BenchSubscriber, step: LifecycleStep): Promise<void> {
      const externalId = subscriberId({ billing: BILLING, account: s.account });
      const eventId = eventFor(s, step).id;
      const account = await billing.getAccount(s.account);
      for (const svc of services) {
        const platform = platforms.get(svc.platform)!;
        const desired = desiredAccess(account, svc, seenActive);
        const idempotencyKey = `${externalId}:${eventId}:${svc.platform}`;
        if (desired.login) {
          const current = await platform.read({ login: desired.login, externalId });
          if (!desired.present) {
            if (current.attached) await platform.detach({ login: desired.login, externalId, idempotencyKey });
          } else if (!current.attached) {
            await platform.attach({ login: desired.login, externalId, label: desired.label, capabilities: desired.capabilities, idempotencyKey });
          } else if (!sameSet(current.capabilities, desired.capabilities)) {
            await platform.setCapabilities({ login: desired.login, externalId, capabilities: desired.capabilities, idempotencyKey });
          }
        }
        const active = account.services.some((x) => x.service === svc.service && x.active);
        if (active && !seenActive.includes(svc.service)) seenActive.push(svc.service);
        // The workflow charges the first period as soon as the service is active; so does this path, in the same command.
        if (step.type === 'service.enable' && svc.charge && active && account.status === 'active') await charge(billing, account, externalId, svc.service, svc.charge);
      }
    }
  }, options.signal);
  return { samples, wallMs: performance.now() - started };
}

/** The workflow's charge: same amount, same idempotency key (subscriber, service, period). */
async function charge(billing: BillingSystem, account: BillingAccount, externalId: string, service: string, policy: { amount: number; period: ChargePeriod; comment: string }): Promise<void> {
  const period = periodId(policy.period, Date.now());
  const result = await billing.charge({ accountId: account.accountId, agreementId: account.agreementId, amount: policy.amount, idempotencyKey: `${externalId}:${service}:${period}`, comment: `${policy.comment} ${period}` });
  if (result.status !== 'charged') throw new Error(`charge of ${externalId} refused: ${result.status}`);
}
