import v8 from 'node:v8';
import vm from 'node:vm';
import { asyncLocalStorage, CancelledFailure, Context } from '@temporalio/activity';
import type { ActivityExecuteInput } from '@temporalio/worker';
import { activityCancellation } from '../../worker/activity-cancellation';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** What the interceptor reads of an activity's context: its cancellation, which here never comes. */
const context = () => ({ cancelled: new Promise<never>(() => undefined) }) as unknown as Context;
const input = { args: [], headers: {} } as unknown as ActivityExecuteInput;

function run(cancellation: ReturnType<typeof activityCancellation>, next: () => Promise<unknown>): Promise<unknown> {
  const { execute } = cancellation.interceptor(context()).inbound!;
  return asyncLocalStorage.run(context(), () => execute!(input, next));
}

describe('activityCancellation', () => {
  it('keeps nothing of an activity that ended: its result can be collected', async () => {
    const cancellation = activityCancellation();
    // The activities run in a function of their own, so that nothing of its frame holds a result when it returns.
    const runActivities = async (count: number) => {
      const held: WeakRef<object>[] = [];
      for (let i = 0; i < count; i++) {
        const result = { activity: i };
        held.push(new WeakRef(result));
        if ((await run(cancellation, async () => result)) !== result) throw new Error(`activity ${i} answered another value`);
      }
      return held;
    };
    const held = await runActivities(3);
    // A WeakRef's target stays alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(held.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined]);
  });

  it('hands back a running activity whose call never answers, and fails one started afterwards at once', async () => {
    const cancellation = activityCancellation();
    const done = await run(cancellation, async () => 'done');
    const hanging = run(cancellation, () => new Promise(() => undefined));
    cancellation.handBack();
    await expect(hanging).rejects.toBeInstanceOf(CancelledFailure);
    await expect(run(cancellation, () => new Promise(() => undefined))).rejects.toThrow('handed back: the worker is shutting down');
    expect(done).toBe('done');
  });
});
