import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../config/load';
import { checkRole, RoleError, roleFromEnv } from './roles';

const split = { TEMPORAL_ADDRESS: '127.0.0.1:7233', SUBSYNC_SIMULATORS: 'false' };
const problems = (role: 'all' | 'worker' | 'api', env: NodeJS.ProcessEnv): string[] => {
  try {
    checkRole(role, loadConfig({ env }));
    return [];
  } catch (err) {
    if (err instanceof RoleError) return err.problems;
    throw err;
  }
};

describe('process roles', () => {
  it('reads SUBSYNC_ROLE and refuses an unknown one by name', () => {
    expect(roleFromEnv({})).toBe('all');
    expect(roleFromEnv({ SUBSYNC_ROLE: 'worker' })).toBe('worker');
    expect(() => roleFromEnv({ SUBSYNC_ROLE: 'workers' })).toThrow('SUBSYNC_ROLE must be all, worker or api, got "workers"');
  });

  it('refuses split roles on SQLite and says to use PostgreSQL', () => {
    for (const role of ['worker', 'api'] as const) {
      const found = problems(role, { ...split });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(new RegExp(`SUBSYNC_ROLE=${role} .* SQLite .* Split roles need PostgreSQL: set DATABASE_URL=postgres://`));
    }
  });

  it('lets split roles run on PostgreSQL with a shared Temporal cluster and no embedded simulators', () => {
    expect(problems('worker', { ...split, DATABASE_URL: 'postgres://subsync:secret@db:5432/subsync' })).toEqual([]);
    expect(problems('api', { ...split, DATABASE_URL: 'postgresql://subsync:secret@db:5432/subsync' })).toEqual([]);
  });

  it('names every other thing a split process cannot own: the embedded dev server and the simulators', () => {
    const found = problems('worker', { DATABASE_URL: 'postgres://db/subsync' });
    expect(found).toEqual([expect.stringMatching(/set TEMPORAL_ADDRESS=/), expect.stringMatching(/set SUBSYNC_SIMULATORS=false/)]);
  });

  it('runs everything in one process on the defaults (SQLite is fine there)', () => {
    expect(problems('all', {})).toEqual([]);
  });

  it('refuses at start, before anything runs: main.ts with SUBSYNC_ROLE=worker on the default store exits 2 with the message', () => {
    const root = path.resolve(__dirname, '..');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, SUBSYNC_ROLE: 'worker', ...split };
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main.ts')], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Split roles need PostgreSQL/);
    expect(run.stdout).not.toMatch(/subsync is running/);
  });
});
