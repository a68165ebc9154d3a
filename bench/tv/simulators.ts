import path from 'node:path';
import type { TvSimulatorState } from '../../simulators/tv';
import { callWithProgress, controlClient } from '../support/control-server';
import type { Resources } from '../support/resources';
import { startBenchProcess } from '../support/simulator-process';
import type { TvDriveResult } from './drive';
import type { PreparedSubscriber, TvCommand } from './plan';

export interface TvSimulatorUrls {
  ispUrl: string;
  ispToken: string;
  /** Each TV platform's URL and credentials, by connector kind. */
  platforms: Record<string, { url: string } & Record<string, unknown>>;
  controlUrl: string;
}

/** What each platform holds after the phase, for the checks and the platform timing. */
export type TvPlatformStates = Record<string, Pick<TvSimulatorState, 'subscribers' | 'events'>>;

/** ISP-Integrator, its staff and hooks, and the seven TV platforms, in their own process (simulators-process.ts). */
export interface TvSimulators extends Omit<TvSimulatorUrls, 'controlUrl'> {
  pid: number;
  /**
   * ISP-Integrator and the TV platforms back to their seed (every earlier phase's customers and
   * platform events gone), then the staff give `subscribers` customers a TV plan, `concurrency` at
   * a time. Customer ids may differ from an earlier prepare's: use the answer.
   */
  prepare(subscribers: number, concurrency: number): Promise<PreparedSubscriber[]>;
  /** The staff's change in ISP-Integrator behind prepared customer `index`'s command `step` (REST, in billing's process). */
  change(index: number, step: TvCommand): Promise<void>;
  /** Billing's hooks send the prepared customers' TV lifecycle through subsync's API (drive.ts), from that process. */
  driveThroughSubsync(options: { apiUrl: string; apiKey: string; concurrency: number; progress: (message: string) => void }): Promise<TvDriveResult>;
  states(): Promise<TvPlatformStates>;
}

export async function startTvSimulators(resources: Resources): Promise<TvSimulators> {
  const { pid, announced } = await startBenchProcess<TvSimulatorUrls>(resources, { label: 'ISP-Integrator and TV platform simulators process', script: path.resolve(__dirname, 'simulators-process.ts') });
  const call = controlClient(announced.controlUrl);
  const { controlUrl: _control, ...urls } = announced;
  return {
    ...urls,
    pid,
    prepare: (subscribers, concurrency) => call<PreparedSubscriber[]>('prepare', { subscribers, concurrency }),
    change: async (index, step) => void (await call('change', { index, step })),
    driveThroughSubsync: ({ progress, ...drive }) => callWithProgress<TvDriveResult>(call, 'drive', drive, progress),
    states: () => call<TvPlatformStates>('states'),
  };
}
