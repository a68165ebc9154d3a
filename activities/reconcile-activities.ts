import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { EventSink } from './types';
import { PermanentError } from '../connectors/errors';
import type { ServicePlatform } from '../connectors/ports';
import type { BillingAccount } from '../domain/billing';
import type { Connectors } from '../connectors/registry';
import type { TvPlatform } from '../connectors/tv/port';
import { desiredAccess } from '../domain/desired-state';
import { desiredTv } from '../domain/desired-tv';
import { servicesFor, SubscriberPolicy } from '../domain/policy';
import type { Logger } from '../domain/logger';
import { planAccessSteps } from './access-steps';
import { mapFailures } from './failures';
import { planTvSteps } from './tv-steps';

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
export function createReconcileActivities(deps: { connectors: Connectors; policy: () => SubscriberPolicy; events: () => EventSink; logger: Logger }): ReconcileActivities {
  const billingFor = (name: string) => {
    const b = deps.connectors.billing.get(name);
    if (!b) throw ApplicationFailure.nonRetryable(`no billing system named "${name}" is configured`, 'UnknownBilling');
    return b;
  };

  async function driftOf(billing: string, account: BillingAccount): Promise<Drift[]> {
    const found: Drift[] = [];
    const key = { billing, account: account.accountId };
    for (const svc of servicesFor(deps.policy(), billing)) {
      if (svc.role === 'access') {
        const platform = deps.connectors.platforms.get(svc.platform) as ServicePlatform;
        const desired = desiredAccess(account, svc, account.services.some((s) => s.service === svc.service) ? [svc.service] : []);
        // Without a record of what the workflow attached, assume the account is where billing's login says.
        const known = desired.login ? { platform: svc.platform, service: svc.service, attached: true, login: desired.login, capabilities: [] } : undefined;
        const steps = await planAccessSteps(platform, key, desired, known, 'login');
        if (steps.length) found.push({ account: account.accountId, platform: svc.platform, steps: steps.map((s) => s.op) });
      } else {
        for (const desired of desiredTv(account, svc, [])) {
          if (!desired.platform) continue;
          const platform = deps.connectors.platforms.get(desired.platform) as TvPlatform | undefined;
          if (!platform) throw new PermanentError('reconcile', 'platform', 'not_found', `no TV platform named "${desired.platform}" is configured`);
          const steps = await planTvSteps(platform, desired, desired.login ? { platform: desired.platform, service: svc.service, attached: true, login: desired.login, capabilities: [] } : undefined);
          const calls = steps.filter((s) => s.op !== 'tv.writeBack').map((s) => ('packageCode' in s ? `${s.op} ${s.packageCode}` : 'casn' in s ? `${s.op} ${s.casn}` : 'newCasn' in s ? `${s.op} ${s.oldCasn}→${s.newCasn}` : s.op));
          if (calls.length) found.push({ account: account.accountId, platform: desired.platform, subscription: desired.subscriptionId, steps: calls });
        }
      }
    }
    return found;
  }

  return mapFailures<ReconcileActivities>({
    async listAccountIds({ billing }) {
      return (await billingFor(billing).listAccounts()).map((a) => a.accountId);
    },

    async reconcileAccounts({ billing, accounts, repair, runId }) {
      const result: ReconcileBatchResult = { checked: 0, drifted: 0, repairsRequested: 0, skipped: [], drift: [] };
      for (const id of accounts) {
        Context.current().heartbeat(result.checked);
        let account: BillingAccount;
        try {
          account = await billingFor(billing).getAccount(id);
        } catch (err) {
          if (err instanceof PermanentError && err.reason === 'not_found') continue;
          throw err;
        }
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
    },
  });
}
