import { runPool } from './pool';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('runPool', () => {
  it('keeps at most `concurrency` items in flight and runs each once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      peak = Math.max(peak, ++inFlight);
      await tick();
      seen.push(item);
      inFlight--;
    });
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops taking items after a failure and rethrows it', async () => {
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4, 5], 1, async (item) => {
        started.push(item);
        if (item === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('stops taking items once aborted', async () => {
    const abort = new AbortController();
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3], 1, async (item) => {
        started.push(item);
        abort.abort(new Error('interrupted'));
      }, abort.signal),
    ).rejects.toThrow('interrupted');
    expect(started).toEqual([1]);
  });
});
