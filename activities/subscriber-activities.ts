import { ApplicationFailure } from '@temporalio/common';
import { PermanentError } from '../connectors/errors';
import type { BillingSystem, ServicePlatform } from '../connectors/ports';
import type { Connectors } from '../connectors/registry';
import type { Config } from '../config/schema';
import type { ServicePolicy, SubscriberPolicy } from '../domain/policy';
import { SubscriberKey, subscriberId } from '../domain/subscriber';
import type { Logger } from '../domain/logger';
import { recordAuditedCommand } from '../metrics';
import type { Store } from '../store/store';
import type { PlatformStateView } from '../workflows/definitions';
import { mapFailures } from './failures';
import type { SubscriberActivities } from './types';
import { applyAccessStep, planAccessSteps } from './access-steps';
import { applyTvStep, planTvSteps } from './tv-steps';
import type { TvPlatform } from '../connectors/tv/port';

export interface ActivityDeps {
  config: Config;
  connectors: Connectors;
  store: Store;
  logger: Logger;
}

export function policyFromConfig(config: Config): SubscriberPolicy {
  return {
    services: Object.entries(config.services).map(([service, s]): ServicePolicy =>
      s.role === 'tv'
        ? { role: 'tv', service, billing: s.billing, platformByCode: s.platformByCode }
        : { role: 'access', service, platform: s.platform, billing: s.billing, capabilities: s.capabilities, charge: s.charge },
    ),
    activity: { startToCloseTimeoutMs: config.policies.activityTimeoutMs, retry: config.policies.retry },
    continueAsNewAfterEvents: config.policies.continueAsNewAfterEvents,
  };
}

/**
 * The subscriber workflow's activities: thin, idempotent, one external effect each where
 * possible. Local state (links, ledger, audit) is written only after the platform confirmed.
 */
export function createSubscriberActivities({ config, connectors, store, logger }: ActivityDeps): SubscriberActivities {
  const loginField = (billing: string) => (config.billing[billing]?.settings as { loginAddonField?: string } | undefined)?.loginAddonField ?? 'login';
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
  const tvPlatformFor = (name: string): TvPlatform => {
    const p = connectors.platforms.get(name) as Partial<TvPlatform> | undefined;
    if (!p) throw ApplicationFailure.nonRetryable(`no TV platform named "${name}" is configured`, 'UnknownPlatform');
    if (typeof p.ensureSubscriber !== 'function') throw ApplicationFailure.nonRetryable(`platform "${name}" is not a TV platform`, 'UnknownPlatform');
    return p as TvPlatform;
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
      if (desired.role === 'tv') {
        if (!desired.platform) throw ApplicationFailure.nonRetryable(`TV plan ${desired.subscriptionId} names no TV platform in billing (plan setting "tvPlatform")`, 'NoTvPlatform');
        return planTvSteps(tvPlatformFor(desired.platform), desired, known);
      }
      return planAccessSteps(platformFor(desired.platform), key, desired, known, loginField(key.billing));
    },

    async applyPlatformStep({ key, step, idempotencyKey }): Promise<PlatformStateView> {
      const externalId = subscriberId(key);
      const view = 'key' in step
        ? await applyTvStep(tvPlatformFor(step.platform), billingFor(key), key.account, externalId, step, idempotencyKey)
        : await applyAccessStep(platformFor(step.platform), externalId, step, idempotencyKey, logger);
      // The link is recorded only now that the platform confirmed the step.
      const linkKey = 'key' in step ? step.key : step.platform;
      if (view.attached && view.login && view.profileId) await store.upsertLink({ subscriberId: externalId, platform: linkKey, login: view.login, profileId: view.profileId, attachmentId: view.attachmentId ?? view.subscriptionId ?? view.profileId });
      if (!view.attached) await store.removeLink(externalId, linkKey);
      return view;
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
      recordAuditedCommand(key.billing, action, detail);
    },
  });
}
