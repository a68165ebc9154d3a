import { httpRequest } from '../client/support/http';
import { runSubsync } from '../support/cli';
import { eventually, startTestStack, TestStack } from '../support/stack';
import { FULL, IntercomWorld } from '../support/intercom-world';

/**
 * What operators and billing hook scripts use against the running stack: bin/subsync as a
 * child process (exit codes and the lines people read) and GET /healthz for monitoring.
 */
let stack: TestStack;
let w: IntercomWorld;
const cli = (...args: string[]) => runSubsync(stack.app.apiUrl, args);

beforeAll(async () => {
  stack = await startTestStack({}, { onlyStackConnectors: true });
  w = new IntercomWorld(stack);
});
afterEach(() => stack.intercom.faults.clear());
afterAll(() => stack?.stop());

/** An account billing set up without the platform login: its create parks with the reason. */
async function parkedAccount(name: string): Promise<{ account: string; eventId: string }> {
  const { agrmid } = await w.lb.createCustomer(name, 10_000);
  const account = await w.lb.createAccount(agrmid, undefined, `кв. ${name}`);
  await w.lb.activate(account);
  await w.lb.addIntercom(account);
  const res = await w.send(account, 'create');
  if (res.status !== 'parked') throw new Error(`expected ${account} to park, got ${res.status}`);
  await eventually(async () => (await w.api.listParked()).some((p) => p.account === account));
  return { account, eventId: res.eventId };
}

describe('the CLI against the real stack', () => {
  it('sends an event and waits for it, then shows the subscriber', async () => {
    const { account } = await w.onboard('79800000001');
    await w.lb.block(account);

    const sent = await cli('event', 'block', '--billing', 'lanbilling', '--account', account, '--reason', 'manager', '--id', `cli-block-${account}`, '--wait', '--timeout', '20000');

    expect(sent).toMatchObject({ code: 0, stderr: '' });
    expect(sent.stdout).toBe(`accepted event cli-block-${account} for subscriber:lanbilling:${account} (0 queued before it, applied)\n`);
    expect(w.caps('79800000001', account)).toEqual(['door_key']);

    const [status, unknown] = await Promise.all([cli('status', 'lanbilling', account), cli('status', 'lanbilling', '999999')]);

    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^subscriber:\s+lanbilling\/\d+$/m);
    expect(status.stdout).toMatch(/^status:\s+blocked \(manager\)$/m);
    expect(status.stdout).toMatch(/^login:\s+79800000001$/m);
    expect(status.stdout).toMatch(/^\s+intercom\s+intercom\s+yes\s+79800000001\s+cl_\d+\s+door_key$/m);
    expect(status.stdout).toMatch(new RegExp(`^\\s+cli-block-${account}\\s+block\\s+applied\\s`, 'm'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no subscriber lanbilling\/999999/);
  });

  it('lists parked commands, retries one after the fix and skips another', async () => {
    const [fixable, hopeless] = [await parkedAccount('retry-me'), await parkedAccount('skip-me')];

    const list = await cli('parked', 'list');

    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^BILLING\s+ACCOUNT\s+SINCE\s+REASON$/m);
    for (const { account } of [fixable, hopeless]) expect(list.stdout).toMatch(new RegExp(`^lanbilling\\s+${account}\\s+.*isvyaz_login`, 'm'));

    await w.lb.setLogin(fixable.account, '79800000002');
    const [retry, skip] = await Promise.all([
      cli('retry', 'lanbilling', fixable.account, '--note', 'login set in billing'),
      cli('skip', 'lanbilling', hopeless.account, '--note', 'no intercom at this address'),
    ]);

    expect(retry).toMatchObject({ code: 0, stdout: `retrying command ${fixable.eventId} of lanbilling/${fixable.account}\n` });
    expect(skip).toMatchObject({ code: 0, stdout: `skipped command ${hopeless.eventId} of lanbilling/${hopeless.account}; the next command runs\n` });
    await eventually(() => w.caps('79800000002', fixable.account).join() === FULL.join());
    const skipped = await eventually(async () => {
      const view = await w.api.getSubscriber('lanbilling', hopeless.account);
      return view?.recent.some((r) => r.id === hopeless.eventId) && view;
    });
    expect(skipped.parked).toBeUndefined();
    expect(skipped.recent.find((r) => r.id === hopeless.eventId)?.outcome).toBe('skipped');
    const audit = await stack.app.store.auditTrail(`lanbilling:${hopeless.account}`);
    expect(audit.find((a) => a.action === 'operator-skip')?.detail).toMatchObject({ note: 'no intercom at this address' });

    // Nothing is parked any more: the list says so and another retry is refused with exit 1.
    await eventually(async () => !(await w.api.listParked()).some((p) => p.account === fixable.account || p.account === hopeless.account));
    const again = await cli('retry', 'lanbilling', hopeless.account);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/nothing is parked for lanbilling:/);
  });

  it('reports health with exit 0, and exit 1 naming the component that is down', async () => {
    const healthy = await cli('health');

    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^temporal\s+ok\s/m);
    expect(healthy.stdout).toMatch(/^store\s+ok\s/m);
    expect(healthy.stdout).toMatch(/^connector platform:intercom\s+ok\s/m);
    expect(healthy.stdout).not.toMatch(/DOWN/);

    await stack.intercom.faults.add({ kind: 'down' });
    const down = await cli('health');

    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^connector platform:intercom\s+DOWN\s+.*ECONNREFUSED/m);
    expect(down.stderr).toMatch(/subsync is unhealthy/);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with every component ok', async () => {
    const res = await httpRequest(stack.app.apiUrl, { method: 'GET', url: '/healthz' });

    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ ok: true, temporal: { ok: true }, store: { ok: true } });
    expect(Object.keys(report.connectors)).toEqual(expect.arrayContaining(['billing:lanbilling', 'platform:intercom']));
    expect(Object.entries(report.connectors).filter(([, h]) => !(h as { ok: boolean }).ok)).toEqual([]);
  });

  it('answers 503 naming platform:intercom while the intercom platform is down', async () => {
    await stack.intercom.faults.add({ kind: 'down' });

    const res = await httpRequest(stack.app.apiUrl, { method: 'GET', url: '/healthz' });

    expect(res.statusCode).toBe(503);
    const report = res.json();
    expect(report.ok).toBe(false);
    expect(report.connectors['platform:intercom']).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(report).toMatchObject({ temporal: { ok: true }, store: { ok: true }, connectors: { 'billing:lanbilling': { ok: true } } });
  });
});
