import { ApplicationFailure } from '@temporalio/common';
import { PermanentError } from '../connectors/errors';
import type { BillingSystem, ServicePlatform } from '../connectors/ports';
import type { Connectors } from '../connectors/registry';
import type { Config } from '../config/schema';
import type { SubscriberPolicy } from '../domain/policy';
import { SubscriberKey, subscriberId } from '../domain/subscriber';
import type { Logger } from '../runtime/logger';
import type { Store } from '../store/store';
import type { PlatformStateView } from '../workflows/definitions';
import { mapFailures } from './failures';
import type { PlatformStep, SubscriberActivities } from './types';

export interface ActivityDeps {
  config: Config;
  connectors: Connectors;
  store: Store;
  logger: Logger;
}

export function policyFromConfig(config: Config): SubscriberPolicy {
  return {
    services: Object.entries(config.services).map(([service, s]) => ({ service, platform: s.platform, role: s.role, billing: s.billing, capabilities: s.capabilities, charge: s.charge })),
    activity: { startToCloseTimeoutMs: config.policies.activityTimeoutMs, retry: config.policies.retry },
    continueAsNewAfterEvents: config.policies.continueAsNewAfterEvents,
  };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * The subscriber workflow's activities: thin, idempotent, one external effect each where
 * possible. Local state (links, ledger, audit) is written only after the platform confirmed.
 */
export function createSubscriberActivities({ config, connectors, store, logger }: ActivityDeps): SubscriberActivities {
  const billingFor = (key: SubscriberKey): BillingSystem => {
    const b = connectors.billing.get(key.billing);
    if (!b) throw ApplicationFailure.nonRetryable(`no billing system named "${key.billing}" is configured`, 'UnknownBilling');
    return b;
  };
  const platformFor = (name: string): ServicePlatform => {
    const p = connectors.platforms.get(name);
    if (!p) throw ApplicationFailure.nonRetryable(`no platform named "${name}" is configured`, 'UnknownPlatform');
    return p as ServicePlatform;
  };

  return mapFailures<SubscriberActivities>({
    async loadPolicy() {
      return policyFromConfig(config);
    },

    async readBillingAccount({ key }) {
      try {
        return await billingFor(key).getAccount(key.account);
      } catch (err) {
        if (err instanceof PermanentError && err.reason === 'not_found') return null;
        throw err;
      }
    },

    async planPlatformSteps({ key, desired, known }) {
      const platform = platformFor(desired.platform);
      const externalId = subscriberId(key);
      const base = { platform: desired.platform, service: desired.service };
      const steps: PlatformStep[] = [];
      // The account may sit under a login billing no longer has (login changed): leave that profile first.
      if (known?.attached && known.login && (!desired.present || known.login !== desired.login)) {
        const old = await platform.read({ login: known.login, externalId });
        if (old.attached) steps.push({ ...base, op: 'detach', login: known.login });
      }
      if (!desired.present) {
        if (desired.login && desired.login !== known?.login) {
          const cur = await platform.read({ login: desired.login, externalId });
          if (cur.attached) steps.push({ ...base, op: 'detach', login: desired.login });
        }
        return steps;
      }
      if (!desired.login) {
        const field = (config.billing[key.billing]?.settings as { loginAddonField?: string } | undefined)?.loginAddonField ?? 'login';
        throw ApplicationFailure.nonRetryable(`account ${key.account} in ${key.billing} has no platform login (billing field "${field}" is empty); set it in billing, then retry`, 'MissingLogin');
      }
      const cur = await platform.read({ login: desired.login, externalId });
      if (!cur.attached) steps.push({ ...base, op: 'attach', login: desired.login, label: desired.label, capabilities: desired.capabilities });
      else if (!sameSet(cur.capabilities, desired.capabilities)) steps.push({ ...base, op: 'setCapabilities', login: desired.login, capabilities: desired.capabilities });
      else if (!known?.attached || known.profileId !== cur.profileId) {
        // Already right on the platform (e.g. linked by hand): just record the link.
        await store.upsertLink({ subscriberId: externalId, platform: desired.platform, login: desired.login, profileId: cur.profileId!, attachmentId: cur.attachmentId! });
      }
      return steps;
    },

    async applyPlatformStep({ key, step, idempotencyKey }): Promise<PlatformStateView> {
      const platform = platformFor(step.platform);
      const externalId = subscriberId(key);
      const base = { platform: step.platform, service: step.service, login: step.login };
      switch (step.op) {
        case 'attach': {
          const r = await platform.attach({ login: step.login, externalId, label: step.label, capabilities: step.capabilities, idempotencyKey });
          await store.upsertLink({ subscriberId: externalId, platform: step.platform, login: step.login, profileId: r.profileId, attachmentId: r.attachmentId });
          logger.info({ subscriber: externalId, platform: step.platform, login: step.login, linked: r.linked }, r.linked ? 'linked to existing platform profile' : 'created platform profile');
          return { ...base, attached: true, profileId: r.profileId, attachmentId: r.attachmentId, capabilities: step.capabilities };
        }
        case 'setCapabilities': {
          await platform.setCapabilities({ login: step.login, externalId, capabilities: step.capabilities, idempotencyKey });
          const v = await platform.read({ login: step.login, externalId });
          return { ...base, attached: v.attached, profileId: v.profileId, attachmentId: v.attachmentId, capabilities: v.capabilities };
        }
        case 'detach': {
          const r = await platform.detach({ login: step.login, externalId, idempotencyKey });
          await store.removeLink(externalId, step.platform);
          logger.info({ subscriber: externalId, platform: step.platform, login: step.login, profileRemoved: r.profileRemoved }, 'detached from platform');
          return { ...base, attached: false, capabilities: [] };
        }
      }
    },

    async chargeService({ key, agreementId, service, period, amount, comment, idempotencyKey }) {
      const result = await billingFor(key).charge({ accountId: key.account, agreementId, amount, idempotencyKey, comment: `${comment} ${period}` });
      await store.recordCharge({
        idempotencyKey,
        subscriberId: subscriberId(key),
        service,
        period,
        amount: amount.toFixed(2),
        status: result.status,
        chargeId: result.status === 'charged' ? result.chargeId : null,
      });
      logger.info({ subscriber: subscriberId(key), service, period, amount, status: result.status }, 'periodic charge');
      return result;
    },

    async setBillingBlock({ key, reason }) {
      await billingFor(key).setBlock(key.account, reason);
    },

    async recordAudit({ key, eventId, action, detail }) {
      await store.audit({ subscriberId: subscriberId(key), eventId: eventId ?? null, action, detail: detail ?? null });
    },
  });
}
