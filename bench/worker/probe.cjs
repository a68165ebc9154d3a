// @ts-check
/**
 * Preloaded (`node --import ./bench/worker/probe.cjs`) into a worker process the bench measures,
 * and so into every thread it starts (plain JavaScript: tsx's hooks do not reach worker threads).
 * Answers the bench's `memory` message on the IPC channel with where the process's memory is, as
 * the process itself sees it: the main thread's V8 heap and external memory from
 * process.memoryUsage(); each worker thread (Temporal's workflow threads) reports its own V8 heap
 * over a BroadcastChannel, since no thread can read another's; what RSS holds beyond these is
 * native (Temporal's Rust core, compiled code, the allocator). Each heap is read after a full
 * collection (what is live); the bench reads RSS from /proc before asking. The loaded npm packages show what
 * the process carries. The report's shape is MemoryReport in bench/worker/process.ts. On
 * `profile-start` / `profile-stop` it also takes a CPU profile of the main thread (node's inspector),
 * so a phase's profile is the worker's own even though the bench drives it from another process.
 */
const { BroadcastChannel, isMainThread, threadId } = require('node:worker_threads');
const v8 = require('node:v8');
const vm = require('node:vm');

// A full collection before each report, so the heaps are what is live, not garbage awaiting one.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const channel = new BroadcastChannel('subsync-bench-memory');
channel.unref();

if (!isMainThread) {
  channel.onmessage = (event) => {
    if (event.data !== 'report') return;
    gc();
    const h = v8.getHeapStatistics();
    channel.postMessage({ threadId, heapTotal: h.total_heap_size, heapUsed: h.used_heap_size });
  };
} else if (process.send) {
  process.channel?.unref();
  /** The main thread's CPU profile over a phase the bench names (`profile-start` … `profile-stop`). */
  let profiler;
  process.on('message', (message) => {
    if (message === 'profile-start') {
      const { Session } = require('node:inspector');
      profiler = new Session();
      profiler.connect();
      const cpuStart = process.cpuUsage();
      profiler.post('Profiler.enable', () =>
        profiler.post('Profiler.setSamplingInterval', { interval: 1000 }, () => profiler.post('Profiler.start', () => process.send?.({ kind: 'profile-started', cpuStart }))),
      );
      return;
    }
    if (message === 'profile-stop' && profiler) {
      const session = profiler;
      profiler = undefined;
      session.post('Profiler.stop', (err, result) => {
        session.disconnect();
        process.send?.({ kind: 'profile', error: err ? String(err) : undefined, profile: result?.profile, cpu: process.cpuUsage() });
      });
      return;
    }
    if (message !== 'memory') return;
    const threads = [];
    channel.onmessage = (event) => void threads.push(event.data);
    channel.postMessage('report');
    // A thread answers within milliseconds unless an activation holds it; 300 ms is plenty when idle.
    setTimeout(() => {
      gc();
      const m = process.memoryUsage();
      const packages = new Set();
      for (const file of Object.keys(require.cache)) {
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
        if (pkg) packages.add(pkg[1]);
      }
      process.send?.({ kind: 'memory', rss: m.rss, mainHeapUsed: m.heapUsed, mainHeapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, threads, packages: [...packages].sort() });
    }, 300).unref();
  });
}
