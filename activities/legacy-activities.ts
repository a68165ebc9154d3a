import { ApplicationFailure } from '@temporalio/common';
import { servicesFor } from '../domain/policy';
import type { SlotState } from '../domain/slot';
import { SubscriberKey, subscriberId } from '../domain/subscriber';
import type { PlatformStep } from '../kinds/kind';
import { kindContext, kindOf } from './converge';
import { mapFailures } from './failures';
import { ActivityDeps, readAccount, servicePolicies } from './subscriber-activities';
import type { LegacySubscriberActivities } from './types';

/**
 * Release 0.1 ran each command as several activities (read billing, plan a platform, apply one
 * step, charge, block). A subscriber workflow that release started may be in the middle of such a
 * command when this worker takes over: it finishes the command with these, which delegate to the
 * service kinds. New commands use applyCommand. Remove once no run of release 0.1 is open.
 */
export function createLegacySubscriberActivities({ config, connectors, store, logger }: ActivityDeps): LegacySubscriberActivities {
  const policies = servicePolicies(config);
  const kindFor = (key: SubscriberKey, service: string) => {
    const policy = servicesFor(policies, key.billing).find((p) => p.service === service);
    if (!policy) throw ApplicationFailure.nonRetryable(`service "${service}" is no longer configured for ${key.billing}`, 'UnknownService');
    return kindOf(policy);
  };
  const ctxFor = (key: SubscriberKey) => kindContext({ connectors, logger }, key, connectors.billing(key.billing), 'apply');

  return mapFailures<LegacySubscriberActivities>({
    async readBillingAccount({ key }) {
      return readAccount(connectors.billing(key.billing), key.account);
    },

    async planPlatformSteps({ key, desired, known }) {
      return kindFor(key, desired.service).planSteps(ctxFor(key), desired, known);
    },

    async applyPlatformStep({ key, step, idempotencyKey }): Promise<SlotState> {
      const state = await kindFor(key, step.service).applyStep(ctxFor(key), step as PlatformStep, idempotencyKey);
      // Release 0.1 keyed TV plans' links by the step's `key` (the slot) and others by the platform.
      const slot = (step as { key?: string }).key ?? step.platform;
      const externalId = subscriberId(key);
      if (state.attached && state.login && state.profileId) {
        await store.upsertLink({ subscriberId: externalId, platform: slot, login: state.login, profileId: state.profileId, attachmentId: state.attachmentId ?? state.subscriptionId ?? state.profileId });
      }
      if (!state.attached) await store.removeLink(externalId, slot);
      return state;
    },

    async chargeService({ key, agreementId, service, period, amount, comment, idempotencyKey }) {
      const result = await connectors.billing(key.billing).charge({ accountId: key.account, agreementId, amount, idempotencyKey, comment: `${comment} ${period}` });
      await store.recordCharge({ idempotencyKey, subscriberId: subscriberId(key), service, period, amount: amount.toFixed(2), status: result.status, chargeId: result.status === 'charged' ? result.chargeId : null });
      return result;
    },

    async setBillingBlock({ key, reason }) {
      await connectors.billing(key.billing).setBlock(key.account, reason);
    },
  }, logger);
}
