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
    let held: WeakRef<object> | undefined;
    for (let i = 0; i < 3; i++) {
      const result = { activity: i };
      held = new WeakRef(result);
      await expect(run(cancellation, async () => result)).resolves.toBe(result);
    }
    // A WeakRef's target stays alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(held!.deref()).toBeUndefined();
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
