import { ApplicationFailure } from '@temporalio/common';
import { PermanentError } from '../connectors/errors';
import type { BillingSystem } from '../connectors/ports';
import type { Connectors } from '../connectors/registry';
import type { Config } from '../config/schema';
import type { BillingAccount } from '../domain/billing';
import type { Logger } from '../domain/logger';
import { servicesFor, ServicePolicy, SubscriberPolicy } from '../domain/policy';
import type { SlotState } from '../domain/slot';
import { SubscriberKey, subscriberId } from '../domain/subscriber';
import { recordAuditedCommand } from '../metrics';
import type { Store } from '../store/store';
import { convergeSlot, kindContext, planAccount } from './converge';
import { mapFailures, toFailure } from './failures';
import { heartbeating } from './heartbeat';
import type { ApplyCommandInput, ApplyCommandResult, AuditInput, ChargeOutcome, ChargeRequest, PartialProgress, SubscriberActivities } from './types';

export interface ActivityDeps {
  config: Config;
  connectors: Connectors;
  store: Store;
  logger: Logger;
}

/** Every configured service with its kind's settings. */
export function servicePolicies(config: Pick<Config, 'services'>): ServicePolicy[] {
  return Object.values(config.services);
}

/** What the entity workflow needs of the config: which services, which are priced, timeouts. */
export function policyFromConfig(config: Config): SubscriberPolicy {
  return {
    services: servicePolicies(config).map(({ service, kind, billing, charge }) => ({ service, kind, billing, charge })),
    activity: { startToCloseTimeoutMs: config.policies.activityTimeoutMs, retry: config.policies.retry },
    continueAsNewAfterEvents: config.policies.continueAsNewAfterEvents,
  };
}

/** The account as billing has it now; null when billing no longer has it. */
export async function readAccount(billing: BillingSystem, accountId: string): Promise<BillingAccount | null> {
  try {
    return await billing.getAccount(accountId);
  } catch (err) {
    if (err instanceof PermanentError && err.reason === 'not_found') return null;
    throw err;
  }
}

/**
 * The subscriber workflow's activities. `applyCommand` does a whole command in one activity:
 * the charges it carries, a fresh read of billing, then every platform converged to it. Local
 * state (links, ledger, audit) is written only after the platform or billing confirmed.
 */
export function createSubscriberActivities({ config, connectors, store, logger }: ActivityDeps): SubscriberActivities {
  const policies = servicePolicies(config);

  async function charge(billing: BillingSystem, key: SubscriberKey, agreementId: string, c: ChargeRequest): Promise<ChargeOutcome> {
    const result = await billing.charge({ accountId: key.account, agreementId, amount: c.amount, idempotencyKey: c.idempotencyKey, comment: `${c.comment} ${c.period}` });
    await store.recordCharge({
      idempotencyKey: c.idempotencyKey,
      subscriberId: subscriberId(key),
      service: c.service,
      period: c.period,
      amount: c.amount.toFixed(2),
      status: result.status,
      chargeId: result.status === 'charged' ? result.chargeId : null,
    });
    logger.info({ subscriber: subscriberId(key), service: c.service, period: c.period, amount: c.amount, status: result.status }, 'periodic charge');
    return { service: c.service, period: c.period, status: result.status };
  }

  /** The audit trail, and the command counters operators graph. */
  async function audit({ key, eventId, action, round, detail }: AuditInput): Promise<void> {
    // A retry of an activity that wrote its row before dying (or timing out) writes and counts nothing again.
    const recorded = await store.audit({ subscriberId: subscriberId(key), eventId: eventId ?? null, action, round: round ?? 1, detail: detail ?? null });
    if (recorded) recordAuditedCommand(key.billing, action, detail);
  }

  /** The platform link is recorded only once the platform confirmed the slot's state, and only when it changed. */
  async function recordLink(externalId: string, slot: string, state: SlotState, before: SlotState | undefined): Promise<void> {
    const same = (a: SlotState | undefined) => a && a.attached === state.attached && a.login === state.login && a.profileId === state.profileId && a.attachmentId === state.attachmentId;
    if (same(before)) return;
    if (state.attached && state.login && state.profileId) {
      await store.upsertLink({ subscriberId: externalId, platform: slot, login: state.login, profileId: state.profileId, attachmentId: state.attachmentId ?? state.subscriptionId ?? state.profileId });
    }
    if (!state.attached) await store.removeLink(externalId, slot);
  }

  return mapFailures<SubscriberActivities>({
    async loadPolicy() {
      return policyFromConfig(config);
    },

    // Heartbeating: when the worker running the regular activity dies, another takes the command over in seconds.
    applyCommand: (input) => heartbeating(() => applyCommand(input)),

    async recordAudit(entry) {
      await audit(entry);
    },
  }, logger);

  async function applyCommand(input: ApplyCommandInput): Promise<ApplyCommandResult> {
    const { key } = input;
    const externalId = subscriberId(key);
    const billing = connectors.billing(key.billing);
    const progress: PartialProgress = { slots: {}, charges: [] };
    try {
      if (input.charges.length && input.agreementId) {
        for (const c of input.charges) progress.charges.push(await charge(billing, key, input.agreementId, c));
        // The block policy for insufficient funds: block in billing; the converge below carries it to the platforms.
        if (progress.charges.some((c) => c.status === 'insufficient_funds')) await billing.setBlock(key.account, 'insufficient_funds');
        else if (input.liftBlockWhenPaid) await billing.setBlock(key.account, null);
      }

      let account = await readAccount(billing, key.account);
      if (!account) {
        if (input.mustExist) throw ApplicationFailure.nonRetryable(`account ${key.account} does not exist in ${key.billing}`, 'AccountNotFound');
        account = { billing: key.billing, accountId: key.account, agreementId: input.agreementId ?? '', status: 'disabled', services: [] };
      }
      const login = account.login ?? input.loginOverride;
      const withLogin: BillingAccount = { ...account, login };

      const ctx = kindContext({ connectors, logger }, key, billing, 'apply');
      const slots = { ...input.slots };
      for (const planned of planAccount(withLogin, servicesFor(policies, key.billing), slots, input.seenActive)) {
        const slot = planned.desired.slot;
        const state = await convergeSlot(ctx, planned, slots[slot], `${externalId}:${input.commandId}`, async (confirmed) => {
          await recordLink(externalId, slot, confirmed, progress.slots[slot] ?? input.slots[slot]);
          progress.slots[slot] = confirmed;
        });
        if (state) slots[slot] = progress.slots[slot] = state;
      }

      const activeServices = account.services.filter((s) => s.active).map((s) => s.service);
      const seenActive = [...new Set([...input.seenActive, ...activeServices.filter((s) => policies.some((p) => p.service === s))])];
      const result: ApplyCommandResult = {
        account: { status: account.status, blockReason: account.blockReason, agreementId: account.agreementId || input.agreementId || '', login, activeServices },
        slots: progress.slots,
        seenActive,
        charges: progress.charges,
      };
      await audit({
        key,
        eventId: input.commandId,
        action: `applied:${input.commandType}`,
        detail: { status: account.status, platforms: Object.values(slots).map((p) => ({ platform: p.platform, attached: p.attached, summary: p.summary })) },
      });
      return result;
    } catch (err) {
      const failure = toFailure(err, logger);
      // A permanent failure parks the command: hand back what was confirmed before it, so the workflow keeps it.
      if (failure instanceof ApplicationFailure && failure.nonRetryable) {
        throw ApplicationFailure.create({ message: failure.message, type: failure.type ?? undefined, nonRetryable: true, details: [progress] });
      }
      throw failure;
    }
  }
}
