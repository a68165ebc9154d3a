import type { Config } from '../config/schema';

/** What one process runs: everything (`npm start`), or one side of a split deployment. */
export type Role = 'all' | 'worker' | 'api';
export const roles: readonly Role[] = ['all', 'worker', 'api'];

export class RoleError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'RoleError';
  }
}

/** SUBSYNC_ROLE, checked: all (default), worker or api. */
export function roleFromEnv(env: NodeJS.ProcessEnv): Role {
  const role = env.SUBSYNC_ROLE ?? 'all';
  if (!(roles as readonly string[]).includes(role)) throw new RoleError([`SUBSYNC_ROLE must be all, worker or api, got "${role}"`]);
  return role as Role;
}

export const isSqlite = (storeUrl: string) => !/^postgres(ql)?:\/\//.test(storeUrl);

/**
 * A split role runs beside other subsync processes that share Temporal and the store, so what
 * only one process can own is refused at start with what to use instead:
 * - SQLite takes one writer at a time across processes: the worker's activities and the API's
 *   inbox fail with SQLITE_BUSY under load (retried, but failing by design). PostgreSQL is the
 *   store for more than one process.
 * - The embedded dev server and the simulators listen on fixed ports: every process would start
 *   its own.
 */
export function checkRole(role: Role, config: Pick<Config, 'store' | 'temporal' | 'simulators'>): void {
  if (role === 'all') return;
  const problems: string[] = [];
  if (isSqlite(config.store.url)) {
    problems.push(
      `SUBSYNC_ROLE=${role} shares the store with the other subsync processes, and the store is SQLite (${config.store.url}), which takes one writer at a time ` +
        'across processes (SQLITE_BUSY under load). Split roles need PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/subsync ' +
        '(`npx tsx scripts/postgres.ts` starts a throwaway one to try), or run everything in one process without SUBSYNC_ROLE.',
    );
  }
  if (!config.temporal.address) {
    problems.push(`SUBSYNC_ROLE=${role} needs the Temporal cluster all processes share: set TEMPORAL_ADDRESS=host:7233 (each process would otherwise start its own dev server).`);
  }
  if (config.simulators.enabled) {
    problems.push(`SUBSYNC_ROLE=${role} does not start the simulators (every process would bind their ports): set SUBSYNC_SIMULATORS=false and run them once with \`npm run simulators\`, or point billing and platforms at the real systems.`);
  }
  if (problems.length) throw new RoleError(problems);
}
