import { cpuWindow } from '../support/proc';
import { FloorResult, FloorWork, measureFloor } from './measure';
import type { MeasuredPath } from './platform-section';

/**
 * The two floors a scenario puts subsync beside, on its own Temporal server and before subsync
 * starts: the no-op floor (one no-op activity per update), then the floor with the platform work
 * (`work`), with the CPU of billing's process (the simulators) over that second phase.
 */
export async function measureFloors(options: {
  server: { address: string; pid: number };
  subscribers: number;
  commandsPerSubscriber: number | ((entity: number) => number);
  concurrency: number;
  work: FloorWork;
  billingPid: number;
  progress: (message: string) => void;
  signal: AbortSignal;
}): Promise<{ floor: FloorResult; withWork: MeasuredPath }> {
  const { server, work, billingPid, progress, ...load } = options;
  const perEntity = load.commandsPerSubscriber;
  const updates = typeof perEntity === 'number' ? perEntity * load.subscribers : Array.from({ length: load.subscribers }, (_, entity) => perEntity(entity)).reduce((a, b) => a + b, 0);
  const base = { address: server.address, temporalPid: server.pid, ...load };
  progress(`Temporal's floor: ${load.subscribers} entities, ${updates} updates with one no-op activity each, ${load.concurrency} at a time`);
  const floor = await measureFloor({ ...base, mode: 'activity' });
  progress(`Temporal's floor with the platform work: the same updates, each activity making its command's connector calls`);
  const billing = cpuWindow({ billing: billingPid });
  const withWork = await measureFloor({ ...base, mode: 'platform', work });
  return { floor, withWork: { ...withWork, platformCpuSeconds: billing.end().processes.billing } };
}
