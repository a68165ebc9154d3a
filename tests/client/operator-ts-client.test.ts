import { InvalidRequestError, NotFoundError, SubsyncApiError, SubsyncClient } from '../../client/ts';
import { TransientError } from '../../connectors/errors';
import { startTestApi, TestApi } from './support/api-server';
import { MemoryOperations } from './support/memory-ops';

/** SubsyncClient's operator methods against the real API on a socket, in-memory operations behind it. */

let api: TestApi;
let client: SubsyncClient;

beforeEach(async () => {
  api = await startTestApi();
  client = new SubsyncClient({ baseUrl: api.url });
});
afterEach(() => api.close());

describe('reconcile', () => {
  it('starts a run, waits for it when asked, and reads it back', async () => {
    const started = await client.reconcile({ billing: 'isp-integrator', repair: false });
    const waited = await client.reconcile({ billing: 'isp-integrator', account: '1002', repair: true }, { wait: true, timeoutMs: 3000 });

    expect(started.status).toBe('RUNNING');
    expect(waited).toMatchObject({ status: 'COMPLETED', summary: { repair: true, repairsRequested: 1, drift: [{ account: '1002', steps: ['tv.removeExtra hbo', 'tv.bind BNS000000002'] }] } });
    expect(api.ops.reconcileCalls[1].options).toEqual({ wait: true, timeoutMs: 3000 });
    expect(await client.getReconciliation(started.workflowId)).toMatchObject({ workflowId: started.workflowId, status: 'COMPLETED' });
    expect(await client.getReconciliation('reconcile:isp-integrator:fleet:never')).toBeNull();
  });

  it('throws InvalidRequestError naming the billing field', async () => {
    const failure = await client.reconcile({ billing: 'nowhere', repair: false }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(InvalidRequestError);
    expect((failure as InvalidRequestError).issues).toEqual([{ path: 'billing', message: 'no billing system named "nowhere"; configured: lanbilling, isp-integrator' }]);
  });
});

describe('TV invoicing', () => {
  it('starts a dry run and reads its summary; null for an unknown run', async () => {
    const started = await client.startInvoicingRun({ dueDate: '2026-12-10', dryRun: true });
    const run = await client.getInvoicingRun(started.workflowId);

    expect(started).toEqual({ workflowId: 'tv-invoicing:isp-integrator:2026-12-10:dry-run', runId: 'run-1', billing: 'isp-integrator', dueDate: '2026-12-10', dryRun: true });
    expect(run?.result?.summary).toMatchObject({ dryRun: true, totalValueFormatted: 'R$ 107,70', sample: [{ customerName: 'Ana Lima' }, { customerName: 'Bruno Reis' }] });
    expect(await client.getInvoicingRun('tv-invoicing:isp-integrator:2030-01-10')).toBeNull();
  });

  it('throws InvalidRequestError for a bad due date', async () => {
    await expect(client.startInvoicingRun({ dueDate: '2026-12' })).rejects.toMatchObject({ name: 'InvalidRequestError', issues: [{ path: 'dueDate' }] });
  });

  it('shows, pauses, unpauses, triggers and backfills the Schedule', async () => {
    expect(await client.getInvoicingSchedule()).toMatchObject({ paused: false });
    expect(await client.pauseInvoicing('migration')).toMatchObject({ paused: true, note: 'migration' });
    expect(await client.unpauseInvoicing()).toMatchObject({ paused: false });
    expect((await client.triggerInvoicing()).run?.workflowId).toMatch(/^tv-invoicing:isp-integrator-/);
    expect(await client.backfillInvoicing('2026-10')).toMatchObject({ month: '2026-10', dueDate: '2026-10-10' });
    expect((await client.getInvoicingSchedule())?.recentRuns).toHaveLength(2);
  });

  it('returns null for a missing Schedule and throws NotFoundError when steering it', async () => {
    api.ops.schedule = null;

    expect(await client.getInvoicingSchedule()).toBeNull();
    await expect(client.pauseInvoicing()).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.backfillInvoicing('2026-10')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('throws InvalidRequestError for a month that is not YYYY-MM', async () => {
    await expect(client.backfillInvoicing('October')).rejects.toMatchObject({ name: 'InvalidRequestError', issues: [{ path: 'month' }] });
  });
});

describe('set-top box import', () => {
  it('sends the CSV and returns the counts with the rejected rows', async () => {
    const result = await client.importSetTopBoxes('CASN;Patrimônio;Modelo\nBNS200000001;PAT-2001;STB\nBNS2;PAT-2002;STB\n');

    expect(result).toEqual({ imported: 1, unchanged: 0, rejected: [{ line: 3, reason: 'CASN must be 8–20 letters or digits' }] });
    expect(api.ops.boxes.get('BNS200000001')).toEqual({ casn: 'BNS200000001', assetNumber: 'PAT-2001', model: 'STB' });
  });

  it('throws InvalidRequestError for a file that is not CSV or a billing system that is not ISP-Integrator', async () => {
    await expect(client.importSetTopBoxes('')).rejects.toMatchObject({ name: 'InvalidRequestError', issues: [{ path: '(body)', message: expect.stringMatching(/first line must be the header/) }] });
    await expect(client.importSetTopBoxes('casn,asset_number\n', 'lanbilling')).rejects.toMatchObject({ name: 'InvalidRequestError', issues: [{ path: 'billing' }] });
  });

  it('throws SubsyncApiError 503 upstream_unavailable when billing is down', async () => {
    api.ops.failure = new TransientError('isp-integrator', 'registerSetTopBox', 'HTTP 503: maintenance');

    const failure = await client.importSetTopBoxes('casn,asset_number\nBNS200000001,PAT-2001\n').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(SubsyncApiError);
    expect(failure).toMatchObject({ status: 503, code: 'upstream_unavailable', message: expect.stringMatching(/isp-integrator is unavailable.*maintenance/) });
  });
});
