import v8 from 'node:v8';

/**
 * V8's heap sizing for a process that runs a worker (config `worker.heapGrowingPercent`,
 * `worker.maxSemiSpaceMiB`; figures in bench/README.md, worker scenario).
 *
 * - Growth: left to itself V8 lets the heap grow up to 4× past what a full collection left alive
 *   on a machine with memory to spare, so a worker with 108 MiB alive after a lifecycle burst held
 *   308 MiB of heap. A fixed factor keeps it near what is alive, at the price of more full
 *   collections. The flag is read at each collection, so it takes effect from the next one.
 * - Young generation: each isolate may grow its two semi-spaces to 16 MiB each; the workflow
 *   thread's allocations are short-lived activations, for which a few MiB suffice. An isolate reads
 *   the flag when it is created: the workflow threads, started after this call, take it; the main
 *   thread keeps the size it started with (node's own `--max-semi-space-size` sets that).
 *
 * 0 leaves V8's own choice.
 */
export function tuneHeap(options: { growingPercent: number; maxSemiSpaceMiB: number }): void {
  if (options.growingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${options.growingPercent}`);
  if (options.maxSemiSpaceMiB > 0) v8.setFlagsFromString(`--max-semi-space-size=${options.maxSemiSpaceMiB}`);
}
