import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection, so that a heap figure is what is held rather than what happens to
 * be uncollected yet. The bench runs without --expose-gc; V8 hands out `gc` to a new context
 * once the flag is set at run time.
 */
export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** V8 heap in use after a full collection, in MiB. */
export function heldHeapMiB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
