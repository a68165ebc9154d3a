import type { DevServer } from '../../runtime/dev-server';

/** How long a finished run may take to exit by itself before the process is ended. */
const EXIT_GRACE_MS = 5000;

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __subsyncDevServer?: DevServer }).__subsyncDevServer?.stop();
  // Something a failed test left open (a server, a connection) would keep the run alive forever.
  // Unreferenced, the timer never delays a clean exit; jest sets the exit code on 'exit'.
  setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
}
