import { Context } from '@temporalio/activity';

/** How often a long activity tells Temporal it is alive; well inside the workflows' 10 s heartbeat timeouts. */
export const KEEPALIVE_EVERY_MS = 2000;

/**
 * Runs a long activity while heartbeating on a timer, so Temporal learns within its heartbeat
 * timeout (seconds) that a worker died, not after the activity's whole start-to-close timeout,
 * even while one slow call is in flight. `progress(details)` records a checkpoint: it is
 * heartbeated at once and re-sent by every later beat (a heartbeat replaces the details), and an
 * attempt that resumes re-sends the checkpoint it started from until it has its own.
 * Local activities cannot heartbeat: for them (and outside a worker) this only runs `work`.
 */
export async function heartbeating<T>(work: (progress: (details: unknown) => void) => Promise<T>, everyMs = KEEPALIVE_EVERY_MS): Promise<T> {
  let ctx: Context;
  try {
    ctx = Context.current();
  } catch {
    return work(() => undefined); // called outside a worker (a script, a test): nobody to tell
  }
  if (ctx.info.isLocal) return work(() => undefined);
  let latest: unknown = ctx.info.heartbeatDetails;
  const beat = () => ctx.heartbeat(latest);
  beat();
  const timer = setInterval(beat, everyMs);
  try {
    return await work((details) => {
      latest = details;
      beat();
    });
  } finally {
    clearInterval(timer);
  }
}
