/**
 * Runs `work` over `items` with at most `concurrency` in flight, like a fixed set of billing
 * hook workers taking the next subscriber as soon as they are free. The first failure stops
 * the pool from taking new items and is rethrown once the running ones have settled; so does
 * an abort of `signal` (the run was interrupted).
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && !signal?.aborted && next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure) throw failure.error;
  signal?.throwIfAborted();
}
