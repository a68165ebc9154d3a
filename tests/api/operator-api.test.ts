import { PermanentError, TransientError } from '../../connectors/errors';
import { startTestApi, TestApi } from '../client/support/api-server';
import { httpRequest } from '../client/support/http';
import { MemoryOperations } from '../client/support/memory-ops';

/**
 * HTTP concerns of the operator routes (reconcile, TV invoicing and its Schedule, set-top box
 * import) against in-memory operations: status codes, what reaches the operations, error bodies.
 */

let ops: MemoryOperations;
let api: TestApi;

const send = (options: Parameters<typeof httpRequest>[1]) => httpRequest(api.url, options);
const post = (url: string, payload?: unknown) => send({ method: 'POST', url, payload });
const get = (url: string) => send({ method: 'GET', url });
const postCsv = (url: string, csv: string) => send({ method: 'POST', url, payload: csv, headers: { 'content-type': 'text/csv' } });

beforeEach(async () => {
  const started = await startTestApi();
  ops = started.ops;
  api = started;
});
afterEach(() => api.close());

describe('reconcile', () => {
  it('starts a dry run by default and answers 202 with the run still running', async () => {
    const res = await post('/v1/reconciliations', { billing: 'isp-integrator' });

    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ workflowId: expect.stringMatching(/^reconcile:isp-integrator:fleet:/), status: 'RUNNING', summary: { checked: 0 } });
    expect(ops.reconcileCalls).toEqual([{ request: { billing: 'isp-integrator', repair: false }, options: { wait: undefined, timeoutMs: undefined } }]);
  });

  it('waits when asked and answers 200 with the summary, drift lines included', async () => {
    const res = await post('/v1/reconciliations?wait=true&timeoutMs=5000', { billing: 'isp-integrator', account: '1001', repair: true });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'COMPLETED',
      summary: { repair: true, checked: 1, drifted: 1, repairsRequested: 1, drift: [{ account: '1001', platform: 'beenius', subscription: '5001', steps: ['tv.addExtra telecine'] }] },
    });
    expect(ops.reconcileCalls[0]).toEqual({ request: { billing: 'isp-integrator', account: '1001', repair: true }, options: { wait: true, timeoutMs: 5000 } });
  });

  it('reads a run back by its workflow id, and 404 for one that does not exist', async () => {
    const { workflowId } = (await post('/v1/reconciliations', { billing: 'isp-integrator' })).json();

    const found = await get(`/v1/reconciliations/${encodeURIComponent(workflowId)}`);
    const missing = await get('/v1/reconciliations/reconcile%3Aisp-integrator%3Afleet%3Anever');

    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ workflowId, status: 'COMPLETED', summary: { drifted: 2, skipped: 1 } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not_found', message: 'no reconcile run reconcile:isp-integrator:fleet:never' });
  });

  it('names wrong fields: a missing billing, a repair that is not a boolean, an unknown billing system', async () => {
    const schema = await post('/v1/reconciliations', { account: '', repair: 'yes' });
    const unknown = await post('/v1/reconciliations', { billing: 'nowhere' });

    expect(schema.statusCode).toBe(400);
    expect(schema.json().error).toBe('invalid_request');
    expect([...new Set(schema.json().issues.map((i: { path: string }) => i.path))].sort()).toEqual(['account', 'billing', 'repair']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'billing', message: 'no billing system named "nowhere"; configured: lanbilling, isp-integrator' }] });
  });
});

describe('TV invoicing runs', () => {
  it('starts a run with 202 for a body, {} included, and starts nothing without one', async () => {
    const dry = await post('/v1/invoicing/runs', { dueDate: '2026-12-10', dryRun: true });
    const plain = await post('/v1/invoicing/runs', {});
    const none = await post('/v1/invoicing/runs');

    expect(dry.statusCode).toBe(202);
    expect(dry.json()).toEqual({ workflowId: 'tv-invoicing:isp-integrator:2026-12-10:dry-run', runId: 'run-1', billing: 'isp-integrator', dueDate: '2026-12-10', dryRun: true });
    expect(plain.statusCode).toBe(202);
    expect(none.statusCode).toBe(400);
    expect(none.json().issues).toEqual([{ path: '(body)', message: expect.stringMatching(/no body/) }]);
    expect(ops.invoicingRequests).toEqual([{ dueDate: '2026-12-10', dryRun: true }, {}]);
  });

  it('shows a dry run\'s sample once completed, and a real run\'s progress while it tracks', async () => {
    await post('/v1/invoicing/runs', { dueDate: '2026-12-10', dryRun: true });
    await post('/v1/invoicing/runs', { dueDate: '2026-12-10' });

    const dry = await get('/v1/invoicing/runs/tv-invoicing:isp-integrator:2026-12-10:dry-run');
    const real = await get(`/v1/invoicing/runs/${encodeURIComponent('tv-invoicing:isp-integrator:2026-12-10')}`);

    expect(dry.json()).toMatchObject({ status: 'COMPLETED', result: { summary: { dryRun: true, eventsCreated: 2, sample: [{ customerId: '2001', total: 7780 }, { customerId: '2002' }] } } });
    expect(real.json()).toMatchObject({ status: 'RUNNING', progress: { phase: 'tracking', summary: { eventsCreated: 2 }, tracking: { pending: 2 } } });
    expect((await get('/v1/invoicing/runs/tv-invoicing:isp-integrator:2030-01-10')).statusCode).toBe(404);
  });

  it('refuses a due date that is not a date and a billing system that does not invoice TV', async () => {
    const date = await post('/v1/invoicing/runs', { dueDate: '10/12/2026', dryRun: 'yes' });
    const billing = await post('/v1/invoicing/runs', { billing: 'lanbilling' });

    expect(date.statusCode).toBe(400);
    expect(date.json().issues.map((i: { path: string }) => i.path)).toEqual(['dueDate', 'dryRun']);
    expect(billing.statusCode).toBe(400);
    expect(billing.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'billing' }] });
    // The document lists only ISP-Integrator systems for billing: lanbilling is refused at the door.
    expect(ops.invoicingRequests).toEqual([]);
  });
});

describe('the invoicing Schedule', () => {
  it('shows it, pauses with a note, unpauses', async () => {
    const shown = await get('/v1/invoicing/schedule');
    const paused = await post('/v1/invoicing/schedule/pause', { note: 'billing migration' });
    const unpaused = await post('/v1/invoicing/schedule/unpause', {});

    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ scheduleId: 'tv-invoicing:isp-integrator', paused: false, calendar: { dayOfMonth: 1, hour: 6 }, timezone: 'America/Sao_Paulo' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ paused: true, note: 'billing migration' });
    expect(unpaused.json()).toMatchObject({ paused: false, note: 'unpaused by an operator' });
  });

  it('triggers a run and backfills a month with 202', async () => {
    const trigger = await post('/v1/invoicing/schedule/trigger');
    const backfill = await post('/v1/invoicing/schedule/backfill', { month: '2026-10' });

    expect(trigger.statusCode).toBe(202);
    expect(trigger.json()).toMatchObject({ scheduleId: 'tv-invoicing:isp-integrator', run: { workflowId: expect.stringMatching(/^tv-invoicing:isp-integrator-/) } });
    expect(backfill.statusCode).toBe(202);
    expect(backfill.json()).toMatchObject({ month: '2026-10', dueDate: '2026-10-10', run: { scheduledAt: '2026-10-01T09:00:00.000Z' } });
  });

  it('names a month that is not YYYY-MM, and a note that is too long', async () => {
    const month = await post('/v1/invoicing/schedule/backfill', { month: '2026-13' });
    const none = await post('/v1/invoicing/schedule/backfill', {});
    const note = await post('/v1/invoicing/schedule/pause', { note: 'x'.repeat(501) });

    for (const res of [month, none, note]) expect(res.statusCode).toBe(400);
    expect(month.json().issues).toEqual([{ path: 'month', message: 'a month between 2000-01 and 2099-12 as YYYY-MM' }]);
    expect(none.json().issues.map((i: { path: string }) => i.path)).toEqual(['month']);
    expect(note.json().issues.map((i: { path: string }) => i.path)).toEqual(['note']);
  });

  it('answers 404 not_found on every schedule route when the Schedule does not exist', async () => {
    ops.schedule = null;

    const answers = await Promise.all([get('/v1/invoicing/schedule'), post('/v1/invoicing/schedule/pause', {}), post('/v1/invoicing/schedule/trigger'), post('/v1/invoicing/schedule/backfill', { month: '2026-10' })]);

    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(/no (TV )?invoicing schedule/) });
    }
  });
});

describe('set-top box import', () => {
  const csv = ['casn,asset_number,model', 'BNS100000001,PAT-1001,Beenius STB 4K', 'bad,PAT-1002', 'BNS100000003,', 'BNS100000001,PAT-1004'].join('\n');

  it('imports the good rows of a text/csv body and reports each bad row by line and reason', async () => {
    const res = await postCsv('/v1/set-top-boxes/imports?billing=isp-integrator', csv);

    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      imported: 1,
      unchanged: 0,
      rejected: [
        { line: 3, reason: 'CASN must be 8–20 letters or digits' },
        { line: 4, reason: 'asset number (Patrimônio) is required' },
        { line: 5, reason: 'duplicate CASN BNS100000001, already on line 2' },
      ],
    });
    expect([...ops.boxes.keys()]).toEqual(['BNS100000001']);
  });

  it('takes isp-integrator when no billing is named, and reports a second import as unchanged', async () => {
    await postCsv('/v1/set-top-boxes/imports', csv);
    const again = await postCsv('/v1/set-top-boxes/imports', csv);

    expect(again.json()).toMatchObject({ imported: 0, unchanged: 1 });
    expect(again.json().rejected).toHaveLength(3);
  });

  it('answers 400 for a body that is not CSV: JSON, no body, no casn/asset_number header, an empty file, and echoes none of it', async () => {
    const json = await post('/v1/set-top-boxes/imports', { casn: 'BNS100000001' });
    const none = await post('/v1/set-top-boxes/imports');
    const header = await postCsv('/v1/set-top-boxes/imports', 'serial;owner\nBNS100000001;x');
    const empty = await postCsv('/v1/set-top-boxes/imports', '');

    for (const res of [json, none, header, empty]) {
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', issues: [expect.objectContaining({ path: '(body)' })] });
    }
    expect(json.json().message).toMatch(/application\/json.*Content-Type: text\/csv/);
    expect(none.json().message).toMatch(/no body.*text\/csv/);
    for (const res of [header, empty]) expect(res.json().message).toMatch(/the first line must be the header casn,asset_number\[,model\] \(or CASN;Patrimônio;Modelo\)/);
    expect(header.body).not.toContain('serial');
    expect(ops.boxes.size).toBe(0);
  });

  it('refuses a billing system that is not ISP-Integrator', async () => {
    const res = await postCsv('/v1/set-top-boxes/imports?billing=lanbilling', csv);

    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'billing' }] });
  });

  it('answers 503 upstream_unavailable when billing does not answer and 502 when it refuses', async () => {
    ops.failure = new TransientError('isp-integrator', 'registerSetTopBox', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4030');
    const down = await postCsv('/v1/set-top-boxes/imports', csv);
    ops.failure = new PermanentError('isp-integrator', 'registerSetTopBox', 'auth', 'HTTP 401: a valid Bearer API token is required');
    const refused = await postCsv('/v1/set-top-boxes/imports', csv);

    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ error: 'upstream_unavailable', message: expect.stringMatching(/^isp-integrator is unavailable, try again later \(.*ECONNREFUSED/) });
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toEqual({ error: 'upstream_error', message: expect.stringMatching(/^isp-integrator refused the request: .*HTTP 401/) });
  });
});

describe('OpenAPI', () => {
  it('documents the CSV body of the import and the operator schemas', async () => {
    const doc = (await get('/openapi.json')).json();

    expect(Object.keys(doc.paths['/v1/set-top-boxes/imports'].post.requestBody.content)).toEqual(['text/csv']);
    expect(doc.paths['/v1/set-top-boxes/imports'].post.parameters.map((p: { name: string }) => p.name)).toEqual(['billing']);
    expect(Object.keys(doc.paths['/v1/reconciliations'].post.responses)).toEqual(expect.arrayContaining(['200', '202', '400']));
    expect(doc.components.schemas.ReconcileSummary.properties).toHaveProperty('drift');
    expect(doc.components.schemas.InvoicingSchedule.properties).toHaveProperty('paused');
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['reconcile', 'invoicing', 'set-top boxes']));
  });
});
