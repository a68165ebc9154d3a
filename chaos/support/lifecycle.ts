import { SubsyncApiError, SubsyncClient } from '../../client/ts';
import { formatLbDate } from '../../connectors/lanbilling';
import type { PlatformEvent, Profile } from '../../simulators/intercom';
import { INTERCOM } from '../../simulators/lanbilling';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import type { Store } from '../../store/store';
import type { SimulatorsProcess } from './simulators';

/**
 * The intercom lifecycle the chaos scenarios run under fault: LANBilling accounts that are active
 * with the monthly intercom service, and for each, billing's hook sends `create` (a profile, the
 * first charge), then a manager blocks the account and the hook sends `block` (door_key only),
 * then unblocks it and the hook sends `unblock`. The end state is known: one profile per login
 * with full capabilities, one charge per account, every accepted event applied once.
 */
export const FULL = ['app_open', 'door_key', 'handset_call', 'video_archive'];
const STEPS = ['create', 'block', 'unblock'] as const;

export interface ChaosSubscriber {
  vgid: number;
  account: string;
  login: string;
}

/** `count` accounts numbered from `firstVgid`, seeded into the LANBilling simulator (in its own process). */
export async function seedSubscribers(sims: SimulatorsProcess, firstVgid: number, count: number): Promise<ChaosSubscriber[]> {
  const subscribers = Array.from({ length: count }, (_, i) => ({ vgid: firstVgid + i, account: String(firstVgid + i), login: `7955${String(firstVgid + i).padStart(7, '0')}` }));
  const started = formatLbDate(new Date(Date.now() - 3600_000));
  // The seed is one body; keep it well under the admin server's 1 MB body limit.
  for (let i = 0; i < subscribers.length; i += 500) {
    await sims.seed('lanbilling', {
      accounts: subscribers.slice(i, i + 500).map((s) => ({
        uid: s.vgid,
        name: `Chaos subscriber ${s.vgid}`,
        agreements: [
          {
            agrmid: s.vgid,
            number: `CH-${s.vgid}`,
            balance: 1000,
            vgroups: [{ vgid: s.vgid, login: `chaos-${s.vgid}`, agentid: INTERCOM.agentid, tarid: INTERCOM.tarid, address: `ул. Хаоса 1, кв. ${s.vgid}`, addons: { isvyaz_login: s.login }, services: [{ catidx: INTERCOM.catidx, timefrom: started }] }],
          },
        ],
      })),
    });
  }
  return subscribers;
}

/** What billing's hook did: every event it tried, and those the API accepted (answered 2xx). */
export interface HookLog {
  tried: Set<string>;
  accepted: Set<string>;
  /** Sends that got no answer or a 5xx and were sent again (the same id). */
  resent: number;
  /** Events the hook gave up on (never accepted within its patience): billing knows they did not go through. */
  gaveUp: string[];
}

export interface BurstOptions {
  client: () => SubsyncClient;
  lanbillingUrl: string;
  subscribers: ChaosSubscriber[];
  /** Subscribers in flight at once; each one's steps run in order. */
  concurrency: number;
  /** Called after each accepted event, with the number accepted so far (scenarios fire their fault from here). */
  onAccepted?: (accepted: number, total: number) => void;
  /** How long the hook keeps re-sending one event while the API does not answer. */
  patienceMs?: number;
  idPrefix: string;
}

export function eventIds(prefix: string, s: ChaosSubscriber): string[] {
  return STEPS.map((step) => `${prefix}-${s.vgid}-${step}`);
}

/**
 * Billing's side of the burst: for each subscriber, the manager's change in LANBilling (SOAP), then
 * the hook's event, re-sent with the same id until the API accepts it, as a hook script that
 * retries does. Events are sent without waiting for them to be applied.
 */
export async function runBurst(options: BurstOptions): Promise<HookLog> {
  const log: HookLog = { tried: new Set(), accepted: new Set(), resent: 0, gaveUp: [] };
  const manager = new LanbillingManager(options.lanbillingUrl);
  const total = options.subscribers.length * STEPS.length;
  const patience = options.patienceMs ?? 180_000;
  const send = async (event: Record<string, unknown> & { id: string }) => {
    log.tried.add(event.id);
    const deadline = Date.now() + patience;
    for (;;) {
      try {
        await options.client().submitEvent(event);
        log.accepted.add(event.id);
        options.onAccepted?.(log.accepted.size, total);
        return;
      } catch (err) {
        // No answer or a 5xx is the fault being ridden out; anything else (a 4xx: the event is wrong) is a bug in this driver.
        if (!(err instanceof SubsyncApiError) || (err.status !== undefined && err.status < 500)) throw err;
        if (Date.now() > deadline) {
          log.gaveUp.push(event.id);
          return;
        }
        log.resent++;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const queue = [...options.subscribers];
  const lane = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const [create, block, unblock] = eventIds(options.idPrefix, s);
      await send({ id: create!, billing: 'lanbilling', account: s.account, type: 'create' });
      await manager.block(s.account);
      await send({ id: block!, billing: 'lanbilling', account: s.account, type: 'block', reason: 'manager' });
      await manager.unblock(s.account);
      await send({ id: unblock!, billing: 'lanbilling', account: s.account, type: 'unblock' });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return log;
}

interface LanbillingState {
  payments: { agrmid: number; amount: number; receipt: string }[];
}

export interface LifecycleOutcome {
  /** Accepted events without an `applied:` audit row. */
  notApplied: string[];
  /** Subscribers whose platform state is not billing's yet (no profile, wrong capabilities). */
  notConverged: number;
  /** Subscribers without their charge. */
  uncharged: number;
  duplicated: { charges: number; profiles: number; auditRows: number };
}

/** Compares what the platforms, billing and subsync's store hold with the known end state. */
export async function lifecycleOutcome(sims: SimulatorsProcess, store: Store, subscribers: ChaosSubscriber[], accepted: Iterable<string>): Promise<LifecycleOutcome> {
  const ids = [...accepted];
  const applied = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = (await store.orm.em.fork().getConnection().execute(`select event_id, count(*) as n from audit where action like 'applied:%' and event_id in (${chunk.map(() => '?').join(',')}) group by event_id`, chunk)) as { event_id: string; n: number | string }[];
    for (const r of rows) applied.set(r.event_id, Number(r.n));
  }
  const intercom = await sims.state<{ profiles: Profile[]; events: PlatformEvent[] }>('intercom');
  const lanbilling = await sims.state<LanbillingState>('lanbilling');
  const profilesByLogin = new Map<string, Profile[]>();
  for (const p of intercom.profiles) profilesByLogin.set(p.login, [...(profilesByLogin.get(p.login) ?? []), p]);
  const createdByLogin = new Map<string, number>();
  for (const e of intercom.events) if (e.type === 'client.created' && e.login) createdByLogin.set(e.login, (createdByLogin.get(e.login) ?? 0) + 1);
  const chargesByReceipt = new Map<string, number>();
  for (const p of lanbilling.payments) if (p.amount < 0) chargesByReceipt.set(p.receipt, (chargesByReceipt.get(p.receipt) ?? 0) + 1);

  let notConverged = 0;
  let uncharged = 0;
  let duplicateProfiles = 0;
  let duplicateCharges = 0;
  for (const s of subscribers) {
    const profiles = profilesByLogin.get(s.login) ?? [];
    duplicateProfiles += Math.max(0, profiles.length - 1, (createdByLogin.get(s.login) ?? 0) - 1);
    const address = profiles[0]?.addresses.find((a) => a.externalId === `lanbilling:${s.account}`);
    if (profiles.length !== 1 || !address || [...address.capabilities].sort().join() !== FULL.join()) notConverged++;
    const charges = [...chargesByReceipt].filter(([receipt]) => receipt.startsWith(`lanbilling:${s.account}:intercom:`));
    if (charges.length === 0) uncharged++;
    duplicateCharges += charges.reduce((sum, [, n]) => sum + n - 1, 0);
  }
  return {
    notApplied: ids.filter((id) => !applied.has(id)),
    notConverged,
    uncharged,
    duplicated: { charges: duplicateCharges, profiles: duplicateProfiles, auditRows: [...applied.values()].reduce((sum, n) => sum + n - 1, 0) },
  };
}

export const converged = (o: LifecycleOutcome) => o.notApplied.length === 0 && o.notConverged === 0 && o.uncharged === 0;
