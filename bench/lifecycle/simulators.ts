import path from 'node:path';
import { startBenchProcess } from '../support/simulator-process';
import { callWithProgress, controlClient } from '../support/control-server';
import type { Resources } from '../support/resources';
import type { DriveResult } from './drive';
import type { BenchSubscriber, ManagerChange } from './plan';

export interface LifecycleSimulatorUrls {
  lanbillingUrl: string;
  intercomUrl: string;
  intercomToken: string;
  controlUrl: string;
}

/** What the simulators hold after a phase, for the checks and the platform timing. */
export interface LifecycleOutcome {
  profiles: number;
  /** The intercom platform's event log: what it did, for whom, when (its own clock, the machine's). */
  events: { type: string; login: string; at: string }[];
  /** Charges (negative payments) LANBilling holds. */
  charges: number;
}

/** LANBilling, the intercom platform and billing's manager, in their own process (simulators-process.ts). */
export interface LifecycleSimulators {
  lanbillingUrl: string;
  intercomUrl: string;
  intercomToken: string;
  pid: number;
  /** Empties both simulators and seeds LANBilling with the bench's subscribers. */
  prepare(subscribers: number): Promise<void>;
  /** The manager's change in LANBilling (api3) before a subscriber's event. */
  manage(change: ManagerChange, subscriber: BenchSubscriber): Promise<void>;
  /**
   * Billing's hooks send `subscribers` × the lifecycle through subsync's API (`wait=true`), with the
   * managers' changes before each event, from this process (through-subsync.ts). Progress lines
   * arrive every few seconds.
   */
  driveThroughSubsync(options: { apiUrl: string; apiKey: string; subscribers: number; concurrency: number; progress: (message: string) => void }): Promise<DriveResult>;
  outcome(): Promise<LifecycleOutcome>;
}

export async function startLifecycleSimulators(resources: Resources): Promise<LifecycleSimulators> {
  const { pid, announced } = await startBenchProcess<LifecycleSimulatorUrls>(resources, { label: 'LANBilling and intercom simulators process', script: path.resolve(__dirname, 'simulators-process.ts') });
  const call = controlClient(announced.controlUrl);
  return {
    lanbillingUrl: announced.lanbillingUrl,
    intercomUrl: announced.intercomUrl,
    intercomToken: announced.intercomToken,
    pid,
    prepare: async (subscribers) => void (await call('prepare', { subscribers })),
    manage: async (change, s) => void (await call('manager', { change, vgid: s.vgid })),
    driveThroughSubsync: ({ progress, ...drive }) => callWithProgress<DriveResult>(call, 'drive', drive, progress),
    outcome: () => call<LifecycleOutcome>('outcome'),
  };
}
