import { ApplicationFailure } from '@temporalio/common';
import { PermanentError } from '../connectors/errors';
import type { Connectors } from '../connectors/registry';
import type { BillingAccount } from '../domain/billing';
import type { Logger } from '../domain/logger';
import { servicesFor, ServicePolicy } from '../domain/policy';
import type { SlotState } from '../domain/slot';
import { kindContext, planAccount } from './converge';
import { mapFailures } from './failures';
import { heartbeating } from './heartbeat';
import { readAccount } from './subscriber-activities';
import type { EventSink } from './types';

/** One platform whose state differs from billing's, with the calls that would fix it. */
export interface Drift {
  account: string;
  platform: string;
  subscription?: string;
  steps: string[];
}

export interface ReconcileBatchResult {
  checked: number;
  drifted: number;
  repairsRequested: number;
  /** Accounts that could not be compared (e.g. no login in billing), with the reason. */
  skipped: { account: string; reason: string }[];
  drift: Drift[];
}

export interface ReconcileActivities {
  listAccountIds(input: { billing: string }): Promise<string[]>;
  reconcileAccounts(input: { billing: string; accounts: string[]; repair: boolean; runId: string }): Promise<ReconcileBatchResult>;
}

/**
 * Compares billing with every platform, account by account, using the same planners the entity
 * workflow uses, so "drift" means exactly "the calls the workflow would make". Repair sends the
 * account's workflow a `sync` event: the fix then runs in order with the subscriber's other
 * commands, retried and parked like any of them.
 */
export function createReconcileActivities(deps: { connectors: Connectors; services: () => ServicePolicy[]; events: () => EventSink; logger: Logger }): ReconcileActivities {
  async function driftOf(billing: string, account: BillingAccount): Promise<Drift[]> {
    const key = { billing, account: account.accountId };
    const ctx = kindContext(deps, key, deps.connectors.billing(billing), 'compare');
    const found: Drift[] = [];
    // Nothing recorded is trusted here: billing is compared with what each platform holds now.
    for (const planned of planAccount(account, servicesFor(deps.services(), billing), {}, activeServicesOf(account))) {
      const { kind, desired } = planned;
      if (!desired.platform) continue;
      // Without a record of what the workflow attached, assume the account is where billing's login says.
      const known: SlotState | undefined = desired.login ? { platform: desired.platform, service: desired.service, attached: true, login: desired.login, capabilities: [] } : undefined;
      const steps = await kind.planSteps(ctx, desired, known);
      if (steps.length) found.push({ account: account.accountId, platform: desired.platform, subscription: desired.subscriptionId, steps: steps.map((step) => kind.describeStep(step)) });
    }
    return found;
  }

  return mapFailures<ReconcileActivities>({
    async listAccountIds({ billing }) {
      return heartbeating(async () => (await deps.connectors.billing(billing).listAccounts()).map((a) => a.accountId));
    },

    reconcileAccounts: ({ billing, accounts, repair, runId }) => heartbeating(async (progress) => {
      const result: ReconcileBatchResult = { checked: 0, drifted: 0, repairsRequested: 0, skipped: [], drift: [] };
      for (const id of accounts) {
        progress(result.checked);
        const account = await readAccount(deps.connectors.billing(billing), id);
        if (!account) continue;
        result.checked++;
        let drift: Drift[];
        try {
          drift = await driftOf(billing, account);
        } catch (err) {
          // One account that cannot be compared (no login, unknown platform) must not stop the fleet.
          if (err instanceof ApplicationFailure || err instanceof PermanentError) {
            result.skipped.push({ account: id, reason: err.message });
            continue;
          }
          throw err;
        }
        if (!drift.length) continue;
        result.drifted++;
        result.drift.push(...drift);
        if (repair) {
          await deps.events().dispatch({ id: `reconcile:${runId}:${billing}:${id}`, billing, account: id, type: 'sync' });
          result.repairsRequested++;
        }
      }
      return result;
    }),
  }, deps.logger);
}

/** A service billing lists on the account was added at some point: one it lists as inactive was removed. */
function activeServicesOf(account: BillingAccount): string[] {
  return account.services.map((s) => s.service);
}
