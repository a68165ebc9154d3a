import { Writable } from 'node:stream';
import pino from 'pino';
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { apiPortFromEnv } from '../../api/http';
import { InvalidEventError } from '../../api/operations';
import { startTestApi, TestApi } from '../client/support/api-server';
import { httpRequest } from '../client/support/http';
import { MemoryOperations } from '../client/support/memory-ops';
import { temporalCallFailure, temporalConnectFailure } from '../client/support/temporal-errors';

/**
 * HTTP concerns of the API only (status codes, error bodies, OpenAPI, logging) against
 * in-memory operations. The real service is covered end to end elsewhere. (Over a socket
 * rather than app.inject: light-my-request needs the ESM-only cookie@2, which jest cannot load.)
 */

let ops: MemoryOperations;
let api: TestApi;

const event = (over: Record<string, unknown> = {}) => ({ id: 'lb-42-create', billing: 'lanbilling', account: '42', type: 'create', login: 'ivanov', ...over });
const send = (options: Parameters<typeof httpRequest>[1]) => httpRequest(api.url, options);
const post = (url: string, payload?: unknown) => send({ method: 'POST', url, payload });

beforeEach(async () => {
  const started = await startTestApi();
  ops = started.ops;
  api = started;
});
afterEach(() => api.close());

describe('POST /v1/events', () => {
  it('accepts an event with 202 and hands the validated event to the operations, as the credential that sent it', async () => {
    const res = await post('/v1/events', event());

    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ eventId: 'lb-42-create', workflowId: 'subscriber:lanbilling:42', outcome: 'accepted', position: 0 });
    expect(ops.submitCalls).toHaveLength(1);
    expect(ops.submitCalls[0].input).toEqual(event());
    expect(ops.submitCalls[0].options).toEqual({ wait: undefined, timeoutMs: undefined });
    expect(ops.callers).toEqual([{ operation: 'submitEvent', caller: { credentialId: expect.stringMatching(/^[0-9a-f]{12}$/), name: 'test-admin' } }]);
  });

  it('refuses a login with spaces around it rather than trimming it into another login', async () => {
    const res = await post('/v1/events', event({ login: '  ivanov  ' }));

    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'login', message: expect.stringMatching(/leading\/trailing spaces/) }]);
    expect(ops.submitCalls).toHaveLength(0);
  });

  it('answers the same event twice as a duplicate, once applied', async () => {
    await post('/v1/events', event());
    const again = await post('/v1/events', event());

    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ eventId: 'lb-42-create', outcome: 'duplicate' });
  });

  it('passes wait and timeoutMs through and answers 200 when the event was applied', async () => {
    const res = await post('/v1/events?wait=true&timeoutMs=1500', event());

    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied', subscriber: { status: 'new', login: 'ivanov' } });
    expect(ops.submitCalls[0].options).toEqual({ wait: true, timeoutMs: 1500 });
  });

  it('answers 202 when the wait ended before the event was applied', async () => {
    ops.waitStatus = 'queued';
    const res = await post('/v1/events?wait=true', event());

    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued' });
  });

  it('names every wrong field of an invalid event and applies nothing', async () => {
    const res = await post('/v1/events', { id: 'has space', billing: 'lanbilling', type: 'payment', amount: 'lots' });

    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('invalid_event');
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['account', 'amount', 'id']);
    expect(body.issues.find((i: { path: string }) => i.path === 'amount').message).toMatch(/number/);
    expect(body.message).toMatch(/amount/);
    expect(ops.submitCalls).toHaveLength(0);
  });

  it('names the type when it is not a lifecycle event type', async () => {
    const res = await post('/v1/events', event({ type: 'explode' }));

    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'type', message: expect.stringMatching(/create.*payment/) })]);
  });

  it('rejects bad query parameters naming them', async () => {
    const res = await post('/v1/events?wait=perhaps&timeoutMs=-5', event());

    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['wait', 'timeoutMs']);
  });

  it('explains a body that is not JSON, of another content type, or missing', async () => {
    const broken = await send({ method: 'POST', url: '/v1/events', payload: '{"id": "x",', headers: { 'content-type': 'application/json' } });
    const text = await send({ method: 'POST', url: '/v1/events', payload: 'id=x', headers: { 'content-type': 'text/plain' } });
    const form = await send({ method: 'POST', url: '/v1/events', payload: 'id=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const none = await send({ method: 'POST', url: '/v1/events' });

    for (const res of [broken, text, form, none]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json()).toMatchObject({ error: 'invalid_event', issues: [expect.objectContaining({ path: '(body)' })] });
    }
    expect(broken.json().message).toMatch(/not valid JSON/);
    expect(text.json().message).toMatch(/text\/plain.*application\/json/);
    expect(form.json().message).toMatch(/application\/x-www-form-urlencoded.*application\/json/);
    expect(none.json().message).toMatch(/no body/);
  });

  it('maps an invalid event found by the operations (not the schema) to the same 400', async () => {
    ops.failure = new InvalidEventError([{ path: 'login', message: 'login ivanov belongs to another billing system' }]);
    const res = await post('/v1/events', event());

    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_event', issues: [{ path: 'login', message: 'login ivanov belongs to another billing system' }] });
  });

  it('answers 409 event_id_conflict when the id was used for a different event', async () => {
    await post('/v1/events', event());
    const res = await post('/v1/events', event({ type: 'block', login: undefined }));

    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'event_id_conflict', eventId: 'lb-42-create' });
  });
});

describe('subscribers and parked commands', () => {
  it('returns a subscriber\'s details, and 404 not_found for one never seen', async () => {
    await post('/v1/events', event());
    await post('/v1/events', event({ id: 'lb-42-block', type: 'block', reason: 'insufficient_funds', login: undefined }));

    const found = await send({ method: 'GET', url: '/v1/subscribers/lanbilling/42' });
    const missing = await send({ method: 'GET', url: '/v1/subscribers/lanbilling/43' });

    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ key: { billing: 'lanbilling', account: '42' }, status: 'blocked', blockReason: 'insufficient_funds', workflowId: 'subscriber:lanbilling:42' });
    expect(found.json().platforms[0].capabilities).toEqual(['door_key']);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not_found', message: 'no subscriber lanbilling/43' });
  });

  it('lists parked commands and resolves one with who and why', async () => {
    await post('/v1/events', event());
    ops.park('lanbilling', '42', 'intercom: login ivanov is taken');

    const list = await send({ method: 'GET', url: '/v1/parked' });
    expect(list.json()).toEqual([{ workflowId: 'subscriber:lanbilling:42', billing: 'lanbilling', account: '42', reason: 'intercom: login ivanov is taken', since: '2026-01-01T00:00:05.000Z' }]);

    const skip = await post('/v1/subscribers/lanbilling/42/skip', { by: 'anna', note: 'fixed on the platform by hand' });
    expect(skip.statusCode).toBe(200);
    expect(skip.json()).toEqual({ commandId: 'cmd-7', action: 'skip' });
    expect(ops.decisions).toEqual([{ billing: 'lanbilling', account: '42', action: 'skip', by: 'anna', note: 'fixed on the platform by hand' }]);
  });

  it('takes retry with an empty body, and refuses one without a body', async () => {
    await post('/v1/events', event());
    ops.park('lanbilling', '42', 'rejected');

    const none = await post('/v1/subscribers/lanbilling/42/retry');
    const empty = await post('/v1/subscribers/lanbilling/42/retry', {});

    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: '(body)', message: expect.stringMatching(/no body/) }] });
    expect(empty.statusCode).toBe(200);
    expect(ops.decisions).toEqual([expect.objectContaining({ action: 'retry', by: undefined, note: undefined })]);
  });

  it('answers 409 nothing_parked and 404 not_found', async () => {
    await post('/v1/events', event());

    const nothing = await post('/v1/subscribers/lanbilling/42/retry', {});
    const unknown = await post('/v1/subscribers/lanbilling/99/skip', {});

    expect(nothing.statusCode).toBe(409);
    expect(nothing.json()).toMatchObject({ error: 'nothing_parked' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });
  });

  it('rejects a decision body with wrong fields as invalid_request naming them', async () => {
    const res = await post('/v1/subscribers/lanbilling/42/retry', { by: 7, note: 'x'.repeat(3000) });

    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_request');
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['by', 'note']);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await send({ method: 'GET', url: '/v1/nothing-here' });

    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'route_not_found' });
  });
});

describe('a look at one billing account', () => {
  it('answers the stamp of the account in billing, and 400 naming billing for a billing system it does not have', async () => {
    ops.stamps.set('lanbilling:42', '2-00aa11bb22cc');
    const seen = await post('/v1/watch/lanbilling/42', {});
    const unknown = await post('/v1/watch/nobilling/42', {});

    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({ billing: 'lanbilling', account: '42', stamp: '2-00aa11bb22cc', changed: false });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'billing', message: expect.stringContaining('nobilling') }] });
  });

  it('answers 502 when billing does not know the account', async () => {
    const res = await post('/v1/watch/lanbilling/999', {});

    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ error: 'upstream_error' });
  });
});

describe('health and failures', () => {
  it('answers 200 when healthy and 503 with the report when something is down', async () => {
    const healthy = await send({ method: 'GET', url: '/healthz' });
    ops.healthReport = { ok: false, temporal: { ok: true }, store: { ok: true }, connectors: { intercom: { ok: false, error: 'connect ECONNREFUSED' } } };
    const down = await send({ method: 'GET', url: '/healthz' });

    expect(healthy.statusCode).toBe(200);
    expect(healthy.json().ok).toBe(true);
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual(ops.healthReport);
  });

  it('answers 503 temporal_unavailable with the errors the Temporal client throws when it cannot connect', async () => {
    for (const failure of [await temporalConnectFailure(), await temporalCallFailure()]) {
      ops.failure = failure;
      const res = await send({ method: 'GET', url: '/v1/subscribers/lanbilling/42' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: 'temporal_unavailable', message: expect.stringMatching(/Temporal is unreachable/) });
    }
  });

  it('answers 503 when no worker took the update up in time, saying the event was recorded and can be sent again', async () => {
    ops.failure = new WorkflowUpdateRPCTimeoutOrCancelledError('Timeout expired', { cause: await temporalCallFailure() });
    const submit = await post('/v1/events', event());
    const retry = await post('/v1/subscribers/lanbilling/42/retry', {});

    expect(submit.statusCode).toBe(503);
    expect(submit.json()).toEqual({ error: 'temporal_unavailable', message: 'no worker answered; the event was recorded, send it again later' });
    expect(retry.statusCode).toBe(503);
    expect(retry.json()).toEqual({ error: 'temporal_unavailable', message: 'no worker answered in time; try again later' });
  });

  it('answers any other failure with a JSON 500 that keeps internals out of the body', async () => {
    ops.failure = new Error('relation "inbox" does not exist at postgres://subsync:hunter2@db');
    const res = await send({ method: 'GET', url: '/v1/parked' });

    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toMatchObject({ error: 'internal_error', message: expect.stringContaining(res.headers['x-request-id'] as string) });
    expect(res.body).not.toMatch(/hunter2/);
  });
});

describe('OpenAPI', () => {
  it('serves a document generated from the route schemas, listing every route', async () => {
    const res = await send({ method: 'GET', url: '/openapi.json' });

    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/healthz',
      '/v1/events',
      '/v1/invoicing/runs',
      '/v1/invoicing/runs/{workflowId}',
      '/v1/invoicing/schedule',
      '/v1/invoicing/schedule/backfill',
      '/v1/invoicing/schedule/pause',
      '/v1/invoicing/schedule/trigger',
      '/v1/invoicing/schedule/unpause',
      '/v1/notifications/deliveries',
      '/v1/notifications/endpoints',
      '/v1/notifications/endpoints/{name}/disable',
      '/v1/notifications/endpoints/{name}/enable',
      '/v1/notifications/endpoints/{name}/recover',
      '/v1/notifications/messages/{messageId}',
      '/v1/notifications/messages/{messageId}/resend',
      '/v1/parked',
      '/v1/reconciliations',
      '/v1/reconciliations/{workflowId}',
      '/v1/set-top-boxes/imports',
      '/v1/subscribers/{billing}/{account}',
      '/v1/subscribers/{billing}/{account}/retry',
      '/v1/subscribers/{billing}/{account}/sessions',
      '/v1/subscribers/{billing}/{account}/sessions/{sessionId}',
      '/v1/subscribers/{billing}/{account}/sessions/{sessionId}/cancel',
      '/v1/subscribers/{billing}/{account}/sessions/{sessionId}/end',
      '/v1/subscribers/{billing}/{account}/sessions/{sessionId}/recording/start',
      '/v1/subscribers/{billing}/{account}/sessions/{sessionId}/recording/stop',
      '/v1/subscribers/{billing}/{account}/sessions/{sessionId}/start',
      '/v1/subscribers/{billing}/{account}/skip',
      '/v1/usage/runs',
      '/v1/usage/runs/{workflowId}',
      '/v1/usage/schedule',
      '/v1/usage/summaries',
      '/v1/watch/{billing}/{account}',
    ]);
    const submit = doc.paths['/v1/events'].post;
    const variants = submit.requestBody.content['application/json'].schema.oneOf;
    expect(variants.map((v: { properties: { type: { enum: string[] } } }) => v.properties.type.enum[0])).toContain('payment');
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '409']));
    expect(submit.parameters.map((p: { name: string }) => p.name)).toEqual(['wait', 'timeoutMs']);
    expect(doc.components.schemas.SubscriberDetails.properties).toHaveProperty('retrying');
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await send({ method: 'GET', url: '/docs/' });

    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger-ui/i);
  });
});

describe('request logging', () => {
  it('logs each request with its request id and never the body', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logged = await startTestApi({ logger: pino({ level: 'info' }, sink) });

    const res = await httpRequest(logged.url, { method: 'POST', url: '/v1/events', payload: event({ login: 'secret-login-ivanov' }), headers: { 'x-request-id': 'hook-7' } });
    const bad = await httpRequest(logged.url, { method: 'POST', url: '/v1/events', payload: event({ login: 'secret-login-petrov', amount: 'x', type: 'payment' }) });
    await logged.close();

    expect(res.headers['x-request-id']).toBe('hook-7');
    const mine = lines.filter((l) => l.reqId === 'hook-7');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    // Lines after the credential check name it.
    expect(mine[1]).toMatchObject({ credential: expect.stringMatching(/^test-admin \([0-9a-f]{12}\)$/) });
    expect(lines.some((l) => l.reqId === bad.headers['x-request-id'] && l.msg === 'request rejected')).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(/secret-login/);
    expect(JSON.stringify(lines)).not.toContain(logged.key.slice(18));
  });
});

describe('port', () => {
  it('comes from SUBSYNC_API_PORT, defaults to 3000, and a wrong value names the variable', () => {
    expect(apiPortFromEnv({})).toBe(3000);
    expect(apiPortFromEnv({ SUBSYNC_API_PORT: '8081' })).toBe(8081);
    expect(() => apiPortFromEnv({ SUBSYNC_API_PORT: 'http' })).toThrow(/SUBSYNC_API_PORT must be a port number.*"http"/);
  });
});
