const POLL_EVERY_MS = 1000;

/**
 * Reads a run again every second until `done` (by default: no longer running). How commands wait
 * for long workflows; `onRead` sees every reading (the progress display).
 */
export async function pollRun<T extends { status: string }>(
  first: T,
  next: () => Promise<T>,
  done: (run: T) => boolean = (run) => run.status !== 'RUNNING',
  onRead: (run: T) => void = () => undefined,
): Promise<T> {
  let current = first;
  onRead(current);
  while (!done(current)) {
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
    current = await next();
    onRead(current);
  }
  return current;
}
