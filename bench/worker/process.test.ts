import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workerPeakRow } from './peak-target';
import { PRODUCTION_NODE_FLAGS } from '../../runtime/node-flags';
import { workerNodeArgs, writeWorkerConfig } from './process';

describe('workerPeakRow', () => {
  it('meets target 3 at 400 MiB and misses it above', () => {
    expect(workerPeakRow('first run', 400 * 1024)).toEqual(['first run', '400 MiB', '≤ 400 MiB', 'yes']);
    expect(workerPeakRow('first run', 401 * 1024)[3]).toBe('NO');
  });

  it('does not pass a peak it could not read', () => {
    expect(workerPeakRow('drain', undefined)).toEqual(['drain', 'n/a', '≤ 400 MiB', 'NO (unreadable)']);
  });
});

describe('writeWorkerConfig', () => {
  it('writes the file a worker reads and loads it as the worker will, with the deployment defaults', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-worker-config-'));
    try {
      const { file, config } = writeWorkerConfig(dir, {
        temporal: { address: '127.0.0.1:7999', taskQueue: 'bench-test' },
        store: { url: 'postgres://u:p@127.0.0.1:5999/db' },
        simulators: { enabled: false },
      });
      expect(JSON.parse(fs.readFileSync(file, 'utf8')).temporal.taskQueue).toBe('bench-test');
      expect(config.temporal).toMatchObject({ address: '127.0.0.1:7999', taskQueue: 'bench-test' });
      expect(config.store.url).toBe('postgres://u:p@127.0.0.1:5999/db');
      // Without simulators the demo's connectors are not in it: only what the file names.
      expect(Object.keys(config.billing)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workerNodeArgs', () => {
  it('starts a measured worker with the production flags unless the run names others', () => {
    expect(PRODUCTION_NODE_FLAGS).toContain('--max-semi-space-size=4');
    expect(workerNodeArgs({})).toEqual([...PRODUCTION_NODE_FLAGS]);
    expect(workerNodeArgs({ BENCH_WORKER_NODE_ARGS: '--optimize-for-size  --max-semi-space-size=2' })).toEqual(['--optimize-for-size', '--max-semi-space-size=2']);
    // An empty value tries node's own defaults.
    expect(workerNodeArgs({ BENCH_WORKER_NODE_ARGS: '' })).toEqual([]);
  });
});
