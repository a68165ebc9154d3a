import { INTERCOM, type LanbillingSeed } from '../../simulators/lanbilling';
import type { LifecycleEventInput } from '../../domain/events';

export const BILLING = 'lanbilling';
export const SERVICE = 'intercom';
/** Enough for the first period's charge (150) with room to spare: the bench measures no insufficient-funds path. */
const OPENING_BALANCE = 1000;

/** One bench subscriber: an абонент with a договор and one учётная запись (vgroup) carrying its own intercom login. */
export interface BenchSubscriber {
  vgid: number;
  agrmid: number;
  login: string;
  account: string;
}

export function benchSubscribers(count: number): BenchSubscriber[] {
  return Array.from({ length: count }, (_, i) => ({
    vgid: i + 1,
    agrmid: i + 1,
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

/**
 * What a LANBilling manager does before an event: lift the "switched off" block of a new account,
 * add the periodic intercom service, block and unblock it (code 3), end the service now
 * (made in the simulators' process: simulators-process.ts).
 */
export type ManagerChange = 'activate' | 'add-service' | 'block' | 'unblock' | 'end-service';

/** One lifecycle command: what the manager changes in billing, then the event billing's hook sends. */
export interface LifecycleStep {
  type: EventType;
  fields?: Partial<LifecycleEventInput>;
  /** The manager's change in LANBilling: it causes the event and is not part of what is measured. */
  manager?: ManagerChange;
  /** The platform events this command causes, used to check the final state and time the writes. */
  platformEvents: string[];
}

export const LIFECYCLE: readonly LifecycleStep[] = [
  { type: 'create', platformEvents: ['client.created', 'address.added'] },
  { type: 'activate', manager: 'activate', platformEvents: [] },
  { type: 'service.enable', fields: { service: SERVICE }, manager: 'add-service', platformEvents: ['capabilities.changed'] },
  { type: 'block', fields: { reason: 'manager' }, manager: 'block', platformEvents: ['capabilities.changed'] },
  { type: 'unblock', manager: 'unblock', platformEvents: ['capabilities.changed'] },
  { type: 'service.disable', fields: { service: SERVICE }, manager: 'end-service', platformEvents: ['address.removed', 'client.removed'] },
];

export function eventFor(s: BenchSubscriber, step: LifecycleStep): LifecycleEventInput {
  return { id: `bench-${s.vgid}-${step.type}`, billing: BILLING, account: s.account, type: step.type, ...step.fields } as LifecycleEventInput;
}
