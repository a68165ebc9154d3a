import v8 from 'node:v8';
import vm from 'node:vm';
import { untilAborted } from './until-aborted';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('untilAborted', () => {
  it('answers what the work answers, and keeps nothing of it once it is in: a long wait does not hold every page', async () => {
    const signal = new AbortController().signal;
    // The pages are read in a function of their own, so that nothing of its frame holds one when it returns.
    const readPages = async (count: number) => {
      const held: WeakRef<object>[] = [];
      for (let i = 0; i < count; i++) {
        const page = { accounts: [String(i)] };
        held.push(new WeakRef(page));
        if ((await untilAborted(Promise.resolve(page), signal)) !== page) throw new Error(`page ${i} came back as another value`);
      }
      return held;
    };
    const held = await readPages(3);
    await expect(untilAborted(Promise.reject(new Error('billing is down')), signal)).rejects.toThrow('billing is down');
    // A WeakRef's target stays alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(held.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined]);
  });

  it('rejects with the signal\'s reason when it aborts first, and at once when it already has', async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => undefined);
    const waiting = untilAborted(never, controller.signal);
    const reason = new Error('cancelled');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect(untilAborted(Promise.resolve('late'), controller.signal)).rejects.toBe(reason);
  });
});
