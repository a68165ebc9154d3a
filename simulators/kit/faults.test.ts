import { FaultController } from './faults';

describe('FaultController', () => {
  it('applies a counted fault to its operation only, then clears it', async () => {
    const f = new FaultController();
    await f.add({ kind: 'status', status: 503, operation: 'getAccounts', times: 2 });
    expect(f.decide('getVgroups').action).toBe('pass');
    expect(f.decide('getAccounts')).toMatchObject({ action: 'status', status: 503 });
    expect(f.decide('getAccounts')).toMatchObject({ action: 'status', status: 503 });
    expect(f.decide('getAccounts').action).toBe('pass');
    expect(f.list()).toHaveLength(0);
  });

  it('adds latency on top of another fault and reports down changes', async () => {
    const f = new FaultController();
    const downs: boolean[] = [];
    f.onDownChange = (d) => void downs.push(d);
    await f.add({ kind: 'latency', ms: 50 });
    await f.add({ kind: 'rate_limit', retryAfterSeconds: 2 });
    expect(f.decide('x')).toEqual({ action: 'rate_limit', retryAfterSeconds: 2, delayMs: 50 });
    const id = await f.add({ kind: 'down' });
    expect(f.isDown()).toBe(true);
    await f.clear(id);
    expect(downs).toEqual([true, false]);
  });

  it('rejects a malformed fault naming the field', async () => {
    const f = new FaultController();
    await expect(f.add({ kind: 'status', status: 200 } as never)).rejects.toThrow(/status/);
  });
});
