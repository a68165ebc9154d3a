import fs from 'node:fs';
import path from 'node:path';
import { DevServer, freePort, startDevServer } from '../../runtime/dev-server';

/** The Temporal service under the chaos suite: a process that can be killed and started again on the same address and data. */
export interface TemporalBackend {
  readonly address: string;
  readonly description: string;
  pids(): number[];
  /** Ends the server (SIGKILL: as a crash; SIGTERM: as a stop) and waits until it is gone. */
  halt(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts it again on the same address with the same data. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The dev server with its history in a SQLite file, so a killed server comes back with every
 * workflow it had (as `npm start` keeps `.data/temporal.db`).
 */
export async function startDevTemporal(dir: string): Promise<TemporalBackend> {
  const port = await freePort();
  const dbFile = path.join(dir, 'temporal.db');
  const logFile = path.join(dir, 'logs', 'temporal.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  let server: DevServer | undefined;
  const start = async () => {
    server = await startDevServer({ port, headless: true, dbFile, logFile });
  };
  await start();
  const killOnExit = () => server?.process.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    address: `127.0.0.1:${port}`,
    description: 'Temporal dev server (SQLite file)',
    pids: () => (server?.process.pid ? [server.process.pid] : []),
    async halt(signal) {
      const s = server;
      server = undefined;
      if (!s || s.process.exitCode !== null) return;
      if (signal === 'SIGTERM') return s.stop();
      const gone = new Promise((resolve) => s.process.once('exit', resolve));
      s.process.kill('SIGKILL');
      await gone;
    },
    start,
    async stop() {
      await server?.stop();
      server = undefined;
      process.off('exit', killOnExit);
    },
  };
}
