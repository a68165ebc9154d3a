import { formatLbDate } from '../../connectors/lanbilling';
import { BLOCK, INTERCOM, type LanbillingSeed, type LanbillingSimulator } from '../../simulators/lanbilling';
import type { LifecycleEventInput } from '../../domain/events';

export const BILLING = 'lanbilling';
export const SERVICE = 'intercom';
/** Enough for the first period's charge (150) with room to spare: the bench measures no insufficient-funds path. */
const OPENING_BALANCE = 1000;

/** One bench subscriber: an абонент with a договор and one учётная запись (vgroup) carrying its own intercom login. */
export interface BenchSubscriber {
  vgid: number;
  agrmid: number;
  /** The periodic intercom service the manager adds at service.enable. */
  servid: number;
  login: string;
  account: string;
}

export function benchSubscribers(count: number): BenchSubscriber[] {
  return Array.from({ length: count }, (_, i) => ({
    vgid: i + 1,
    agrmid: i + 1,
    servid: i + 1,
    login: `7900${String(i + 1).padStart(7, '0')}`,
    account: String(i + 1),
  }));
}

/** What LANBilling holds before the first event: new (never activated) vgroups with login and address, no service yet. */
export function lanbillingSeed(subscribers: BenchSubscriber[]): LanbillingSeed {
  return {
    accounts: subscribers.map((s) => ({
      uid: s.vgid,
      name: `Bench subscriber ${s.vgid}`,
      agreements: [
        {
          agrmid: s.agrmid,
          number: `B-${s.agrmid}`,
          balance: OPENING_BALANCE,
          vgroups: [
            {
              vgid: s.vgid,
              login: `bench-${s.vgid}`,
              agentid: INTERCOM.agentid,
              tarid: INTERCOM.tarid,
              activated: false,
              address: `ул. Тестовая 1, кв. ${s.vgid}`,
              addons: { isvyaz_login: s.login },
            },
          ],
        },
      ],
    })),
  };
}

export type EventType = 'create' | 'activate' | 'service.enable' | 'block' | 'unblock' | 'service.disable';

/** One lifecycle command: what the manager changes in billing, then the event billing's hook sends. */
export interface LifecycleStep {
  type: EventType;
  fields?: Partial<LifecycleEventInput>;
  /**
   * The manager's change, written straight into the simulator's store as billing's own UI
   * writes its database: it is the cause of the event, not part of what is measured.
   */
  inBilling?(billing: LanbillingSimulator, s: BenchSubscriber): void;
  /** The platform events this command causes, used to check the final state and time the writes. */
  platformEvents: string[];
}

export const LIFECYCLE: readonly LifecycleStep[] = [
  { type: 'create', platformEvents: ['client.created', 'address.added'] },
  { type: 'activate', inBilling: (b, s) => b.store.blkVgroup(s.vgid, BLOCK.off, 'off'), platformEvents: [] },
  {
    type: 'service.enable',
    fields: { service: SERVICE },
    // Started an hour ago so that ending it "now" at service.disable is after its start.
    inBilling: (b, s) =>
      b.store.insupdUsboxService(true, 0, { vgid: s.vgid, tarid: INTERCOM.tarid, catidx: INTERCOM.catidx, mul: 1, timefrom: formatLbDate(new Date(Date.now() - 3600_000)) }, { id: s.servid }),
    platformEvents: ['capabilities.changed'],
  },
  { type: 'block', fields: { reason: 'manager' }, inBilling: (b, s) => b.store.blkVgroup(s.vgid, BLOCK.manager, 'on'), platformEvents: ['capabilities.changed'] },
  { type: 'unblock', inBilling: (b, s) => b.store.blkVgroup(s.vgid, BLOCK.manager, 'off'), platformEvents: ['capabilities.changed'] },
  {
    type: 'service.disable',
    fields: { service: SERVICE },
    inBilling: (b, s) => b.store.stopUsboxService(s.servid, formatLbDate(new Date())),
    platformEvents: ['address.removed', 'client.removed'],
  },
];

export function eventFor(s: BenchSubscriber, step: LifecycleStep): LifecycleEventInput {
  return { id: `bench-${s.vgid}-${step.type}`, billing: BILLING, account: s.account, type: step.type, ...step.fields } as LifecycleEventInput;
}
