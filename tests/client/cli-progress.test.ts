import { execFile } from 'node:child_process';
import path from 'node:path';
import type { ReconcileRequest, ReconcileRun } from '../../api/operations';
import { startTestApi, TestApi } from './support/api-server';
import { MemoryOperations } from './support/memory-ops';

const bin = path.resolve(__dirname, '../../bin/subsync');

/** A fleet reconcile of four accounts that checks one more account each time it is read. */
class SlowReconcile extends MemoryOperations {
  private reads = 0;
  private run?: ReconcileRun;

  override async reconcile(request: ReconcileRequest): Promise<ReconcileRun> {
    const summary = { billing: request.billing, repair: request.repair, accounts: 4, checked: 0, drifted: 0, repairsRequested: 0, skipped: 0, drift: [], skippedAccounts: [] };
    this.run = { workflowId: 'reconcile:isp-integrator:fleet:2026-11-21T10:00:00.000Z', status: 'RUNNING', summary };
    return this.run;
  }

  override async getReconciliation(): Promise<ReconcileRun | null> {
    const checked = Math.min(4, ++this.reads);
    return { ...this.run!, status: checked === 4 ? 'COMPLETED' : 'RUNNING', summary: { ...this.run!.summary!, checked, drifted: checked >= 2 ? 1 : 0 } };
  }
}

function subsync(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { SUBSYNC_API_URL: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(bin, [...args, '--api', url], { cwd: '/', env: { ...env, SUBSYNC_PROGRESS_AFTER_MS: '0' }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * A long job's progress as a script or an operator without a terminal sees it: on stderr, while
 * the result alone goes to stdout (the bar drawn on a terminal is covered in client/cli/progress.test.ts).
 */
describe('subsync reconcile progress', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ ops: new SlowReconcile() });
  });
  afterAll(() => api.close());

  it('prints JSON progress lines on stderr with --json, and the answer alone on stdout', async () => {
    const run = await subsync(api.url, ['reconcile', 'isp-integrator', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'COMPLETED', summary: { checked: 4, accounts: 4 } });
    const lines = run.stderr.trim().split('\n').map((l) => JSON.parse(l) as { progress: string; done: number; total: number; detail: string });
    expect(lines[0]).toMatchObject({ progress: 'reconcile isp-integrator', unit: 'accounts', done: 0, total: 4, detail: 'drifted 0' });
    expect(lines.at(-1)).toMatchObject({ done: 4, total: 4, detail: 'drifted 1' });
    const done = lines.map((l) => l.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('prints plain progress lines on stderr without a terminal', async () => {
    const run = await subsync(api.url, ['reconcile', 'isp-integrator']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^dry run: isp-integrator every account \(4\)/);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^reconcile isp-integrator: 0\/4 accounts \(0%\), drifted 0, \d+s$/);
    expect(lines.at(-1)).toMatch(/^reconcile isp-integrator: 4\/4 accounts \(100%\), drifted 1, \d+s$/);
  });
});
