import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CredentialRegistry } from '../../api/auth/credentials';
import type { Scope } from '../../api/auth/permissions';
import { SubsyncApiError, SubsyncClient } from '../../client/ts';
import { startTestApi, TestApi } from '../client/support/api-server';
import { httpRequest } from '../client/support/http';

/**
 * Every operation of the served document needs an API credential with its scope: 401 without
 * one (or with an unknown, malformed, revoked or expired one), 403 with a credential lacking
 * the scope (the answer names it), and the operation runs with the right one. Checked for each
 * operation over HTTP, through the TypeScript client and through the CLI.
 */

const bin = path.resolve(__dirname, '../../bin/subsync');
const RUN_ID = 'tv-invoicing:isp-integrator:2026-12-10:dry-run';
const event = { id: 'access-1', billing: 'lanbilling', account: '42', type: 'create', login: 'ivanov' };
const csv = 'casn,asset_number,model\nBNS100000001,PAT-1001,STB 4K\n';

interface Case {
  name: string;
  scope: Scope;
  http: { method: string; url: string; payload?: unknown; headers?: Record<string, string> };
  client: (c: SubsyncClient) => Promise<unknown>;
  cli: (dir: string) => string[];
}

const cases: Case[] = [
  { name: 'submit an event', scope: 'events:write', http: { method: 'POST', url: '/v1/events', payload: { ...event, id: 'access-http' } }, client: (c) => c.submitEvent({ ...event, id: 'access-ts' }), cli: () => ['event', 'create', '--billing', 'lanbilling', '--account', '42', '--id', 'access-cli'] },
  { name: 'read a subscriber', scope: 'subscribers:read', http: { method: 'GET', url: '/v1/subscribers/lanbilling/42' }, client: (c) => c.getSubscriber('lanbilling', '42'), cli: () => ['status', 'lanbilling', '42'] },
  { name: 'retry', scope: 'parked:resolve', http: { method: 'POST', url: '/v1/subscribers/lanbilling/42/retry', payload: {} }, client: (c) => c.resolveParked('lanbilling', '42', { action: 'retry' }), cli: () => ['retry', 'lanbilling', '42'] },
  { name: 'skip', scope: 'parked:resolve', http: { method: 'POST', url: '/v1/subscribers/lanbilling/42/skip', payload: {} }, client: (c) => c.resolveParked('lanbilling', '42', { action: 'skip' }), cli: () => ['skip', 'lanbilling', '42'] },
  { name: 'list parked', scope: 'subscribers:read', http: { method: 'GET', url: '/v1/parked' }, client: (c) => c.listParked(), cli: () => ['parked', 'list'] },
  { name: 'the health report', scope: 'health:read', http: { method: 'GET', url: '/healthz' }, client: (c) => c.health(), cli: () => ['health'] },
  { name: 'start a reconcile', scope: 'reconcile:run', http: { method: 'POST', url: '/v1/reconciliations', payload: { billing: 'isp-integrator' } }, client: (c) => c.reconcile({ billing: 'isp-integrator', repair: false }), cli: () => ['reconcile', 'isp-integrator', '--no-wait'] },
  { name: 'read a reconcile run', scope: 'reconcile:run', http: { method: 'GET', url: '/v1/reconciliations/reconcile%3Aisp-integrator%3Afleet%3A2026-11-21T10%3A00%3A00.000Z' }, client: (c) => c.getReconciliation('reconcile:isp-integrator:fleet:2026-11-21T10:00:00.000Z'), cli: () => ['reconcile', 'isp-integrator', '1001', '--no-wait'] },
  { name: 'start an invoicing run', scope: 'invoicing:run', http: { method: 'POST', url: '/v1/invoicing/runs', payload: { dryRun: true, dueDate: '2026-12-10' } }, client: (c) => c.startInvoicingRun({ dryRun: true, dueDate: '2026-12-10' }), cli: () => ['invoicing', 'run', '--due-date', '2026-12-10', '--dry-run'] },
  { name: 'read an invoicing run', scope: 'invoicing:run', http: { method: 'GET', url: `/v1/invoicing/runs/${encodeURIComponent(RUN_ID)}` }, client: (c) => c.getInvoicingRun(RUN_ID), cli: () => ['invoicing', 'status', RUN_ID] },
  { name: 'show the Schedule', scope: 'invoicing:schedule', http: { method: 'GET', url: '/v1/invoicing/schedule' }, client: (c) => c.getInvoicingSchedule(), cli: () => ['invoicing', 'schedule', 'show'] },
  { name: 'pause the Schedule', scope: 'invoicing:schedule', http: { method: 'POST', url: '/v1/invoicing/schedule/pause', payload: {} }, client: (c) => c.pauseInvoicing(), cli: () => ['invoicing', 'schedule', 'pause'] },
  { name: 'unpause the Schedule', scope: 'invoicing:schedule', http: { method: 'POST', url: '/v1/invoicing/schedule/unpause', payload: {} }, client: (c) => c.unpauseInvoicing(), cli: () => ['invoicing', 'schedule', 'unpause'] },
  { name: 'trigger the Schedule', scope: 'invoicing:schedule', http: { method: 'POST', url: '/v1/invoicing/schedule/trigger' }, client: (c) => c.triggerInvoicing(), cli: () => ['invoicing', 'schedule', 'trigger'] },
  { name: 'backfill a month', scope: 'invoicing:schedule', http: { method: 'POST', url: '/v1/invoicing/schedule/backfill', payload: { month: '2026-10' } }, client: (c) => c.backfillInvoicing('2026-10'), cli: () => ['invoicing', 'schedule', 'backfill', '--month', '2026-10'] },
  { name: 'import set-top boxes', scope: 'stb:import', http: { method: 'POST', url: '/v1/set-top-boxes/imports', payload: csv, headers: { 'content-type': 'text/csv' } }, client: (c) => c.importSetTopBoxes(csv), cli: (dir) => ['stb', 'import', path.join(dir, 'boxes.csv')] },
];

let api: TestApi;
let dir: string;
/** Per scope: a credential holding every scope but that one (so a 403 is about exactly it). */
const keys: { right: Partial<Record<Scope, string>>; wrong: Partial<Record<Scope, string>>; revoked: string; expired: string; unknown: string } = {
  right: {},
  wrong: {},
  revoked: '',
  expired: '',
  unknown: '',
};

beforeAll(async () => {
  api = await startTestApi();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-access-'));
  fs.writeFileSync(path.join(dir, 'boxes.csv'), csv);
  const scopes = [...new Set(cases.map((c) => c.scope))];
  for (const scope of scopes) {
    keys.right[scope] = await api.keyWith([{ scope }], `only-${scope.replace(':', '-')}`);
    keys.wrong[scope] = await api.keyWith(
      scopes.filter((s) => s !== scope).map((s) => ({ scope: s })),
      `all-but-${scope.replace(':', '-')}`,
    );
  }
  keys.revoked = await api.keyWith([{ scope: 'admin' }], 'revoked');
  await api.credentials.revoke('revoked', 'test');
  // Made by a clock two hours back, expired an hour ago.
  const past = new CredentialRegistry(api.store, () => new Date(Date.now() - 2 * 3_600_000));
  keys.expired = (await past.create({ name: 'expired', permissions: [{ scope: 'admin' }], expiresAt: new Date(Date.now() - 3_600_000) }, 'test')).key;
  // The right shape, an id nobody has.
  keys.unknown = `ssk_000000000000_${'A'.repeat(43)}`;
});
afterAll(async () => {
  await api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** State each operation can act on: a parked subscriber 42, a reconcile run, a dry invoicing run. */
beforeEach(async () => {
  await api.ops.submitEvent({ ...event, id: `seed-${Math.random()}` });
  api.ops.park('lanbilling', '42', 'intercom: login taken');
  await api.ops.reconcile({ billing: 'isp-integrator', repair: false });
  await api.ops.startInvoicingRun({ dueDate: '2026-12-10', dryRun: true });
});

describe.each(cases)('$name ($scope)', (c) => {
  const send = (apiKey: string | null) => httpRequest(api.url, { ...c.http, apiKey });

  it('over HTTP: 401 without a valid credential, 403 naming the scope without it, runs with it', async () => {
    const anonymous = await send(null);
    if (c.scope === 'health:read') {
      // A liveness probe needs no credential and learns only ok.
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.json()).toEqual({ ok: true });
    } else {
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="subsync"');
      expect(anonymous.json()).toEqual({ error: 'unauthorized', message: expect.stringMatching(/needs an API credential.*Authorization: Bearer/), scope: c.scope });
    }
    for (const [key, message] of [
      [keys.unknown, /unknown API key/],
      ['not-a-key', /not a subsync key/],
      [keys.revoked, /"revoked" was revoked at/],
      [keys.expired, /"expired" expired at/],
    ] as const) {
      const res = await send(key);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      expect(res.json()).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(message), scope: c.scope });
    }

    const wrong = await send(keys.wrong[c.scope]!);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({ error: 'forbidden', message: `credential "all-but-${c.scope.replace(':', '-')}" lacks the scope "${c.scope}" this operation needs`, scope: c.scope });

    const right = await send(keys.right[c.scope]!);
    expect(right.statusCode).toBeGreaterThanOrEqual(200);
    expect(right.statusCode).toBeLessThan(300);
  });

  it('through the TypeScript client: SubsyncApiError 401/403 with the scope, the answer with the right key', async () => {
    const none = await c.client(new SubsyncClient({ baseUrl: api.url, apiKey: '' })).catch((e: unknown) => e);
    const wrong = await c.client(new SubsyncClient({ baseUrl: api.url, apiKey: keys.wrong[c.scope] })).catch((e: unknown) => e);
    const right = await c.client(new SubsyncClient({ baseUrl: api.url, apiKey: keys.right[c.scope] }));

    expect(none).toBeInstanceOf(SubsyncApiError);
    expect(none).toMatchObject({ status: c.scope === 'health:read' ? 200 : 401, code: 'unauthorized' });
    if (c.scope !== 'health:read') expect(none).toMatchObject({ scope: c.scope });
    expect(wrong).toBeInstanceOf(SubsyncApiError);
    expect(wrong).toMatchObject({ status: 403, code: 'forbidden', scope: c.scope, message: expect.stringContaining(`lacks the scope "${c.scope}"`) });
    expect(right).toBeDefined();
  });

  it('through the CLI: exit 1 naming the scope, exit 0 with the right key', async () => {
    const none = await cli(c.cli(dir), '');
    const wrong = await cli(c.cli(dir), keys.wrong[c.scope]!);
    const right = await cli(c.cli(dir), keys.right[c.scope]!);

    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(c.scope === 'health:read' ? /needs an API credential with the scope "health:read"/ : new RegExp(`needs an API credential with the scope "${c.scope}"[\\s\\S]*SUBSYNC_API_KEY`));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`lacks the scope "${c.scope}"`);
    expect(right).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('every operation of the served document', () => {
  it('declares the scope it needs and answers 401 naming it without a credential, 403 with a credential lacking it', async () => {
    const doc = (await httpRequest(api.url, { method: 'GET', url: '/openapi.json', apiKey: null })).json() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, op]) => ({ route, method: method.toUpperCase(), op })));
    expect(operations.length).toBeGreaterThan(cases.length);
    const noScope = await api.keyWith([{ scope: 'health:read' }], `no-scope-${Math.random()}`);
    for (const { route, method, op } of operations) {
      if (route === '/healthz') continue;
      const scopes = (op.security ?? []).flatMap((s) => Object.values(s).flat());
      expect({ route, method, scopes: scopes.length }).toEqual({ route, method, scopes: 1 });
      const url = route.replace(/\{[^}]+\}/g, 'x1');
      const payload = method === 'GET' ? undefined : {};
      const anonymous = await httpRequest(api.url, { method, url, payload, apiKey: null });
      expect({ route, method, status: anonymous.statusCode, scope: anonymous.json().scope }).toEqual({ route, method, status: 401, scope: scopes[0] });
      const lacking = await httpRequest(api.url, { method, url, payload, apiKey: noScope });
      expect({ route, method, status: lacking.statusCode, scope: lacking.json().scope }).toEqual({ route, method, status: 403, scope: scopes[0] });
    }
  });
});

describe('events:write narrowed to event types and billing systems', () => {
  it('lets a hook send exactly what it was given and answers 403 for anything else', async () => {
    const key = await api.keyWith([{ scope: 'events:write', eventTypes: ['block', 'unblock'], billing: ['lanbilling'] }], 'lanbilling-blocks');
    const post = (body: Record<string, unknown>) => httpRequest(api.url, { method: 'POST', url: '/v1/events', payload: body, apiKey: key });

    const block = await post({ id: 'n-1', billing: 'lanbilling', account: '42', type: 'block' });
    const create = await post({ id: 'n-2', billing: 'lanbilling', account: '42', type: 'create' });
    const elsewhere = await post({ id: 'n-3', billing: 'isp-integrator', account: '1001', type: 'block' });

    expect(block.statusCode).toBe(202);
    for (const res of [create, elsewhere]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'forbidden', scope: 'events:write', message: expect.stringMatching(/events:write \(types block, unblock; billing lanbilling\)/) });
    }
    expect(api.ops.submitCalls.map((s) => (s.input as { id: string }).id)).not.toEqual(expect.arrayContaining(['n-2', 'n-3']));
  });

  it('refuses a narrowed credential the look at an account that may send any event, and lets an unnarrowed one', async () => {
    const narrowed = await api.keyWith([{ scope: 'events:write', eventTypes: ['block', 'unblock'], billing: ['lanbilling'] }], 'lanbilling-blocks-watch');
    const everyType = await api.keyWith([{ scope: 'events:write', billing: ['lanbilling'] }], 'lanbilling-any-watch');
    const watch = (billing: string, apiKey: string) => httpRequest(api.url, { method: 'POST', url: `/v1/watch/${billing}/42`, payload: {}, apiKey });
    api.ops.stamps.set('lanbilling:42', '3-00aa11bb22cc');

    const byTypes = await watch('lanbilling', narrowed);
    const elsewhere = await watch('isp-integrator', everyType);
    const allowed = await watch('lanbilling', everyType);

    expect(byTypes.statusCode).toBe(403);
    expect(byTypes.json()).toMatchObject({ error: 'forbidden', scope: 'events:write', message: expect.stringMatching(/may not look at lanbilling accounts.*may not send create, link, activate/) });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().message).toMatch(/may not look at isp-integrator accounts/);
    expect(allowed.statusCode).toBe(200);
    expect(api.ops.observeCalls.filter((c) => c.billing === 'isp-integrator')).toEqual([]);
  });
});

describe('the health probe', () => {
  it('tells an anonymous caller only ok, also when something is down', async () => {
    api.ops.healthReport = { ok: false, temporal: { ok: true }, store: { ok: true }, connectors: { 'billing:lanbilling': { ok: false, error: 'connect ECONNREFUSED 10.0.0.5:1502' } } };
    const res = await httpRequest(api.url, { method: 'GET', url: '/healthz', apiKey: null });
    api.ops.healthReport = { ok: true, temporal: { ok: true }, store: { ok: true }, connectors: {} };

    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ok: false });
    expect(res.body).not.toMatch(/lanbilling|10\.0\.0\.5/);
  });
});

function cli(args: string[], apiKey: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { SUBSYNC_API_URL: _url, SUBSYNC_API_KEY: _key, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(bin, [...args, '--api', api.url], { cwd: '/', env: { ...env, SUBSYNC_API_KEY: apiKey }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
