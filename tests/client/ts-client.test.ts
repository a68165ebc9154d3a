import { AddressInfo, createServer, Server } from 'node:net';
import { EventConflictError, InvalidEventError, NothingParkedError, NotFoundError, SubsyncApiError, SubsyncClient } from '../../client/ts';
import { startTestApi, TestApi } from './support/api-server';
import { MemoryOperations } from './support/memory-ops';
import { temporalConnectFailure } from './support/temporal-errors';

/** SubsyncClient against the real API listening on a socket, backed by in-memory operations. */

let api: TestApi;
let client: SubsyncClient;

const event = (over: Record<string, unknown> = {}) => ({ id: 'lb-7-create', billing: 'lanbilling', account: '7', type: 'create', login: 'sidorov', ...over });

beforeEach(async () => {
  api = await startTestApi();
  client = new SubsyncClient({ baseUrl: api.url });
});
afterEach(() => api.close());

describe('submitEvent', () => {
  it('returns the accepted answer, then duplicate for the same event', async () => {
    const first = await client.submitEvent(event());
    const second = await client.submitEvent(event());

    expect(first).toEqual({ eventId: 'lb-7-create', workflowId: 'subscriber:lanbilling:7', outcome: 'accepted', position: 0 });
    expect(second.outcome).toBe('duplicate');
  });

  it('waits when asked, passing the timeout to the server', async () => {
    const result = await client.submitEvent(event(), { wait: true, timeoutMs: 2500 });

    expect(result).toMatchObject({ status: 'applied', subscriber: { status: 'new', login: 'sidorov' } });
    expect(api.ops.submitCalls[0].options).toEqual({ wait: true, timeoutMs: 2500 });
  });

  it('throws InvalidEventError naming each wrong field', async () => {
    const failure = await client.submitEvent({ id: 'x', billing: 'lanbilling', account: '', type: 'payment', amount: -3 }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(InvalidEventError);
    expect((failure as InvalidEventError).issues.map((i) => i.path).sort()).toEqual(['account', 'amount']);
  });

  it('throws EventConflictError when the id was used for another event', async () => {
    await client.submitEvent(event());
    const failure = await client.submitEvent(event({ type: 'activate', login: undefined })).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(EventConflictError);
    expect((failure as EventConflictError).eventId).toBe('lb-7-create');
  });
});

describe('subscribers and parked commands', () => {
  it('returns a subscriber\'s details, and null for one never seen', async () => {
    await client.submitEvent(event());
    await client.submitEvent(event({ id: 'lb-7-activate', type: 'activate', login: undefined }));

    const details = await client.getSubscriber('lanbilling', '7');

    expect(details).toMatchObject({ status: 'active', workflowId: 'subscriber:lanbilling:7', links: [{ platform: 'intercom', login: 'sidorov' }] });
    expect(details!.retrying[0]).toMatchObject({ activityType: 'attachToPlatform', attempt: 3 });
    expect(await client.getSubscriber('lanbilling', '8')).toBeNull();
  });

  it('encodes account ids into one path segment: "../8" reaches the server as an account and is refused, not as another path', async () => {
    const refused = await client.getSubscriber('lanbilling', '../8').catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(SubsyncApiError);
    expect(refused).toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringMatching(/account: not an account id/) });
  });

  it('lists parked commands and resolves one', async () => {
    await client.submitEvent(event());
    api.ops.park('lanbilling', '7', 'intercom: profile locked');

    expect(await client.listParked()).toEqual([expect.objectContaining({ billing: 'lanbilling', account: '7', reason: 'intercom: profile locked' })]);
    expect(await client.resolveParked('lanbilling', '7', { action: 'retry', by: 'anna', note: 'unlocked' })).toEqual({ commandId: 'cmd-7', action: 'retry' });
    expect(api.ops.decisions).toEqual([{ billing: 'lanbilling', account: '7', action: 'retry', by: 'anna', note: 'unlocked' }]);
    expect(await client.listParked()).toEqual([]);
  });

  it('throws NothingParkedError and NotFoundError', async () => {
    await client.submitEvent(event());

    await expect(client.resolveParked('lanbilling', '7', { action: 'skip' })).rejects.toBeInstanceOf(NothingParkedError);
    await expect(client.resolveParked('lanbilling', '8', { action: 'skip' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('health and failures', () => {
  it('returns the health report whether or not everything is up', async () => {
    expect(await client.health()).toMatchObject({ ok: true, connectors: { intercom: { ok: true } } });

    api.ops.healthReport = { ok: false, temporal: { ok: false, error: 'connection refused' }, store: { ok: true }, connectors: {} };
    expect(await client.health()).toEqual(api.ops.healthReport);
  });

  it('throws SubsyncApiError 503 temporal_unavailable when the server cannot reach Temporal', async () => {
    api.ops.failure = await temporalConnectFailure();

    // health too: its 503 then carries an error body rather than a report.
    for (const call of [() => client.listParked(), () => client.health()]) {
      const failure = await call().catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(SubsyncApiError);
      expect(failure).toMatchObject({ status: 503, code: 'temporal_unavailable', message: expect.stringMatching(/Temporal is unreachable/) });
    }
  });

  it('does not take a missing route for a missing subscriber', async () => {
    const misconfigured = new SubsyncClient({ baseUrl: `${api.url}/subsync` });

    const failure = await misconfigured.getSubscriber('lanbilling', '7').catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(SubsyncApiError);
    expect(failure).toMatchObject({ status: 404, code: 'route_not_found' });
  });

  it('says the API cannot be reached when nothing listens', async () => {
    const url = api.url;
    await api.close();

    const failure = await new SubsyncClient({ baseUrl: url }).health().catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(SubsyncApiError);
    expect((failure as SubsyncApiError).status).toBeUndefined();
    expect((failure as Error).message).toMatch(new RegExp(`cannot reach the subsync API at ${url}.*ECONNREFUSED`));
  });

  it('gives up after its timeout when the server never answers', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const failure = await new SubsyncClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 }).listParked().catch((e: unknown) => e);

      expect(failure).toBeInstanceOf(SubsyncApiError);
      expect((failure as Error).message).toMatch(/no answer within 200 ms/);
    } finally {
      silent.close();
    }
  });
});
