import { execFileSync } from 'node:child_process';
import path from 'node:path';

const heapModule = JSON.stringify(path.join(__dirname, 'heap.ts'));

/** Runs `body` in a node process of its own (V8's flags are process-wide) after tuneHeap(options); returns the number it prints. */
function measure(options: { growingPercent: number; maxSemiSpaceMiB: number }, body: string): number {
  const script = `require(${heapModule}).tuneHeap(${JSON.stringify(options)});\n${body}`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }).trim());
}

/**
 * 40 MiB stays alive while objects that live long enough to reach the old generation are dropped
 * again, as a worker's activities leave them: the largest heap V8 committed on the way (MiB).
 */
const churnOldGeneration = `
  const live = Array.from({ length: 40 }, () => new Array(128 * 1024).fill(1.5));
  const ring = new Array(64).fill(null);
  let peak = 0;
  for (let i = 0; i < 3000; i++) {
    ring[i % ring.length] = new Array(32 * 1024).fill(i + 0.5);
    peak = Math.max(peak, process.memoryUsage().heapTotal);
  }
  if (live.length !== 40) throw new Error('the live set went away');
  console.log(peak / 2 ** 20);
`;

/**
 * A worker thread started afterwards, as Temporal's workflow threads are, whose recent objects
 * survive a scavenge or two (V8 grows the new space when many survive): its largest new space (MiB).
 */
const churnYoungGenerationInThread = `
  const { Worker } = require('node:worker_threads');
  const thread = new Worker(\`
    const v8 = require('node:v8');
    const ring = new Array(20000);
    let peak = 0;
    for (let i = 0; i < 400000; i++) {
      ring[i % ring.length] = { i, data: new Array(64).fill(i) };
      if (i % 1000 === 0) peak = Math.max(peak, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
    }
    require('node:worker_threads').parentPort.postMessage(peak);
  \`, { eval: true });
  thread.once('message', (peak) => { console.log(peak / 2 ** 20); process.exit(0); });
`;

describe('tuneHeap', () => {
  it('keeps the heap near what is alive, where V8 alone lets it grow far past it', () => {
    const v8Alone = measure({ growingPercent: 0, maxSemiSpaceMiB: 0 }, churnOldGeneration);
    const limited = measure({ growingPercent: 25, maxSemiSpaceMiB: 0 }, churnOldGeneration);
    expect({ v8Alone, limited, limitedBelowThreeQuarters: limited < v8Alone * 0.75 }).toEqual({ v8Alone, limited, limitedBelowThreeQuarters: true });
  }, 60_000);

  it("caps the young generation of threads started after it (Temporal's workflow threads)", () => {
    const v8Alone = measure({ growingPercent: 0, maxSemiSpaceMiB: 0 }, churnYoungGenerationInThread);
    const capped = measure({ growingPercent: 0, maxSemiSpaceMiB: 2 }, churnYoungGenerationInThread);
    // New space is two semi-spaces; V8 alone lets each grow to 16 MiB on a 64-bit machine.
    expect({ v8Alone, capped, cappedAtTwoSemiSpaces: capped <= 4, v8AloneLarger: v8Alone > capped }).toEqual({ v8Alone, capped, cappedAtTwoSemiSpaces: true, v8AloneLarger: true });
  }, 60_000);
});
