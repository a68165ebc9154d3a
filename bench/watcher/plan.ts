import { blkVgroup, LanbillingBilling } from '../../connectors/lanbilling';
import type { BillingAccount } from '../../domain/billing';
import { fingerprint } from '../../domain/account-changes';
import { generatedAddress, generatedLogin } from '../../simulators/lanbilling';
import { WatchCursorSchema } from '../../store/entities';
import type { Store } from '../../store/store';
import { runPool } from '../support/pool';

/** The billing system's name in the bench config. */
export const BILLING = 'lanbilling';
/** The pass id the baseline rows carry: any other pass sees them as known accounts. */
const BASELINE_PASS = 'bench-baseline';

/**
 * A generated account as billing shows it in full (the simulator's `generate`: active, its login
 * addon, its address, the periodic intercom service). The measured cycle checks this: the full
 * sweep reads unchanged accounts in full, and any difference would be sent as an event.
 */
export function generatedAccount(vgid: number): BillingAccount {
  return {
    billing: BILLING,
    accountId: String(vgid),
    agreementId: String(vgid),
    login: generatedLogin(vgid),
    address: generatedAddress(vgid),
    status: 'active',
    services: [{ service: 'intercom', externalId: String(vgid), active: true }],
  };
}

/**
 * Writes the watcher's record as an earlier cycle left it: one row per account, with the digest
 * billing's page read shows now (read page by page, as the watcher reads it) and the fingerprint of
 * the account as generated, read in full in the order of the ids (so the sweep starts from the lowest).
 */
export async function recordBaseline(store: Store, billing: LanbillingBilling, pageSize: number): Promise<{ accounts: number; pages: number }> {
  const checkedFrom = Date.now() - 24 * 3600_000;
  let cursor: string | undefined;
  let accounts = 0;
  let pages = 0;
  do {
    const page = await billing.scanAccounts({ cursor, pageSize });
    const rows = page.accounts.map((a) => ({
      billing: BILLING,
      account: a.accountId,
      fingerprint: fingerprint(generatedAccount(Number(a.accountId))),
      digest: a.digest,
      changes: 1,
      seenPass: BASELINE_PASS,
      checkedAt: new Date(checkedFrom + Number(a.accountId)),
      updatedAt: new Date(),
    }));
    if (rows.length > 0) await store.orm.em.fork().insertMany(WatchCursorSchema, rows);
    accounts += rows.length;
    pages += 1;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { accounts, pages };
}

/** The accounts a manager changes between two cycles: every (100 / percent)-th one, spread over the whole list. */
export function changedAccounts(accounts: number, percent: number): number[] {
  const step = Math.max(1, Math.round(100 / percent));
  const out: number[] = [];
  for (let vgid = step; vgid <= accounts; vgid += step) out.push(vgid);
  return out;
}

/** A LANBilling manager blocks each of them (administrative block, code 3) over api3, 8 at a time. */
export async function blockAccounts(billing: LanbillingBilling, vgids: readonly number[], signal?: AbortSignal): Promise<void> {
  await runPool(vgids, 8, async (vgid) => void (await blkVgroup(billing.client, { vgid, blk: 3, state: 'on', comment: 'bench: a manager blocks the account' })), signal);
}
