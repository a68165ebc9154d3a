import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { ReportSection } from './table';

/**
 * A CPU profile of this process's main thread over one phase (`npm run bench -- --profile 1`),
 * summarised by where the time went: each npm package, each source folder, node's internals,
 * garbage collection. "Say where the remaining CPU goes (a profile, not a guess)": this is the
 * profile. Workflow code runs in Temporal's worker thread, which this session does not see;
 * the report puts the process's CPU beside the main thread's so the difference is visible.
 * BENCH_PROFILE_OUT=<file>.cpuprofile also writes the raw profile. A process the bench started
 * with the probe (bench/worker/probe.cjs) is profiled the same way from inside and summarised here.
 */
export interface PhaseProfile {
  stop(): Promise<ReportSection>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/** V8's CPU profile (the inspector's Profiler.stop result), the parts summarised here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  startTime: number;
  endTime: number;
}

export async function profilePhase(title: string): Promise<PhaseProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  const cpuStart = process.cpuUsage();
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
      const cpu = process.cpuUsage(cpuStart);
      session.disconnect();
      return summariseProfile(title, profile, (cpu.user + cpu.system) / 1e6);
    },
  };
}

/**
 * Where a main thread's time went, by npm package, source folder, node internals and GC, beside the
 * whole process's CPU seconds over the same span. BENCH_PROFILE_OUT=<file>.cpuprofile also writes the raw profile.
 */
export function summariseProfile(title: string, profile: CpuProfile, processCpuSeconds: number): ReportSection {
  // The raw profile, for Chrome DevTools or a closer look at single functions.
  if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, number>();
  for (const id of profile.samples) {
    const g = groupOf(byId.get(id)!.callFrame);
    groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const busy = [...groups].filter(([g]) => g !== '(idle)').reduce((s, [, c]) => s + c, 0) * msPerSample;
  const rows = [...groups]
    .filter(([g]) => g !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([g, c]) => [g, Math.round(c * msPerSample), `${((c * msPerSample * 100) / busy).toFixed(1)} %`]);
  return {
    title,
    headers: ['where (main thread)', 'CPU ms', 'share of main thread'],
    rows,
    notes: [
      `main thread busy ${(busy / 1000).toFixed(1)} s; the whole process used ${processCpuSeconds.toFixed(1)} s of CPU (the rest: Temporal's worker thread running workflow code, its native core, libuv threads).`,
      'src:<folder> is subsync itself; npm:<package> a dependency; (gc) garbage collection; node:* node internals.',
    ],
  };
}

function groupOf(frame: { functionName: string; url: string }): string {
  if (frame.functionName === '(idle)') return '(idle)';
  if (frame.functionName === '(garbage collector)') return '(gc)';
  if (frame.functionName === '(program)' || !frame.url) return '(native, program)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return `npm:${pkg[1]}`;
  if (frame.url.startsWith('node:')) return frame.url.replace(/^node:(internal\/)?/, 'node:').split('/')[0];
  const src = /\/(activities|api|bench|client|config|connectors|domain|kinds|metrics|runtime|simulators|store|worker|workflows)\//.exec(frame.url);
  return src ? `src:${src[1]}` : frame.url.split('/').slice(-1)[0];
}
