import type { SubsyncApi } from '../../api/http';
import { SubsyncClient } from '../../client/ts';
import { startTestApi } from '../client/support/api-server';
import { httpRequest } from '../client/support/http';
import { MemoryOperations } from '../client/support/memory-ops';

/**
 * HTTP concerns of the session and usage billing routes against in-memory operations: status
 * codes, what bad input is told, the refusal's body, and that the TS client reads them back
 * into the same typed errors.
 */

let ops: MemoryOperations;
let api: { app: SubsyncApi; url: string };
const send = (options: Parameters<typeof httpRequest>[1]) => httpRequest(api.url, options);
const post = (url: string, payload?: unknown) => send({ method: 'POST', url, payload });

beforeEach(async () => {
  const started = await startTestApi();
  ops = started.ops;
  api = started;
  await ops.submitEvent({ id: 'e-1', billing: 'lanbilling', account: '42', type: 'create' });
});
afterEach(() => api.app.close());

describe('sessions', () => {
  it('books with 201, names every wrong field with 400, and answers 404 for an unknown subscriber', async () => {
    const booked = await post('/v1/subscribers/lanbilling/42/sessions', { subject: 'Review', reference: 'r-1' });
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toMatchObject({ status: 'booked', subject: 'Review', reference: 'r-1', lastAction: 'book' });

    const bad = await post('/v1/subscribers/lanbilling/42/sessions', { plannedStart: 'tomorrow', plannedMinutes: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['plannedMinutes', 'plannedStart']);

    expect((await post('/v1/subscribers/lanbilling/7/sessions', {})).statusCode).toBe(404);
  });

  it("answers a refused start with 409, the refusal as the error code and the platform's reason, read back by the client as SessionRefusedError", async () => {
    const client = new SubsyncClient({ baseUrl: api.url });
    const a = await client.bookSession('lanbilling', '42', {});
    const b = await client.bookSession('lanbilling', '42', {});
    await client.controlSession('lanbilling', '42', a.sessionId, 'start');

    const res = await post(`/v1/subscribers/lanbilling/42/sessions/${b.sessionId}/start`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'quota_exceeded', message: expect.stringContaining('QUOTA_EXCEEDED') });
    await expect(client.controlSession('lanbilling', '42', b.sessionId, 'start')).rejects.toMatchObject({ name: 'SessionRefusedError', refusal: 'quota_exceeded' });
    await expect(client.getSession('lanbilling', '42', '999')).rejects.toMatchObject({ name: 'NotFoundError' });
    expect((await post(`/v1/subscribers/lanbilling/42/sessions/${a.sessionId}/recording/start`, {})).json()).toMatchObject({ recording: true, lastAction: 'recording.start' });
  });
});

describe('usage billing', () => {
  it('starts a run with 202, refuses a month that is not YYYY-MM naming it, and lists summaries of a month', async () => {
    const started = await post('/v1/usage/runs', { month: '2026-10', dryRun: true });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toEqual({ workflowId: 'usage-billing:2026-10:dry-run', runId: 'run-u', month: '2026-10', dryRun: true });
    const bad = await post('/v1/usage/runs', { month: '2026-13' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues).toEqual([{ path: 'month', message: 'a month as YYYY-MM' }]);

    const summaries = await send({ method: 'GET', url: '/v1/usage/summaries?month=2026-10' });
    expect(summaries.json()).toEqual([expect.objectContaining({ month: '2026-10', parent: '100001', chargedAmount: '37.25' })]);
    expect((await send({ method: 'GET', url: '/v1/usage/summaries?month=oct' })).statusCode).toBe(400);
    expect((await send({ method: 'GET', url: '/v1/usage/runs/usage-billing:1999-01' })).statusCode).toBe(404);
  });
});
