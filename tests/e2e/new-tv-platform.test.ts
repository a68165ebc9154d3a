import { SubsyncClient } from '../../client/ts';
import { tvPlatformDefaults } from '../../config/defaults';
import { registerConnector } from '../../connectors/registry';
import { registerTvFlavour } from '../../simulators/tv';
import { fixtureTvConnector } from '../fixtures/fixture-tv/connector';
import { createFixtureTvFlavour } from '../fixtures/fixture-tv/flavour';
import { startTvTestStack, TvTestStack } from '../support/tv-stack';

// The recipe of the README's "Adding a TV platform": a connector and a simulator flavour, both
// defined only in this test tree, one registry line each; nothing in workflows/, activities/,
// kinds/ or the server knows the platform.
registerConnector(fixtureTvConnector);
registerTvFlavour(createFixtureTvFlavour);

describe('a TV platform added with one connector, one simulator flavour, one registry line and one config entry', () => {
  let stack: TvTestStack;
  let api: SubsyncClient;
  let n = 0;
  const login = 'fixture.cliente@isp';
  let customer: string;
  let sub: string;
  const ref = () => ({ customerId: customer, contractedPlanId: sub });
  const send = async (type: string, extra: Record<string, unknown> = {}) => {
    const r = await api.submitEvent({ id: `fixture-${type}-${++n}`, billing: 'isp-integrator', account: customer, type, ...extra }, { wait: true, timeoutMs: 20_000 });
    expect(r.status).toBe('applied');
    return r;
  };
  const onPlatform = () => stack.tv.fixturetv.state().subscribers.find((s) => s.login === login);

  beforeAll(async () => {
    stack = await startTvTestStack({}, { watchers: false });
    api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  });
  afterAll(async () => stack?.stop());

  it('gets its config defaults and its simulator from the registry', () => {
    expect(tvPlatformDefaults().fixturetv).toMatchObject({ kind: 'fixturetv', token: 'fixture-tv-token' });
    expect(stack.app.config.platforms.fixturetv).toMatchObject({ kind: 'fixturetv' });
    expect(stack.tv.fixturetv.title).toBe('Fixture TV');
  });

  it('goes through the TV lifecycle: create with packages and a point, block, unblock, disable', async () => {
    customer = (await stack.staff.createCustomer({ name: 'Cliente Fixture' })).id;
    sub = (await stack.staff.addContractedPlan({ customerId: customer, planId: 'TV-FIXTURETV', radiusLogin: login })).id;
    await stack.staff.addExtraPackage({ ...ref(), packageId: 'PKG-HBO' });
    await stack.staff.registerSetTopBox({ casn: 'FIX000000001', assetNumber: 'PAT-FIX-1' });
    await stack.staff.addPoint({ ...ref(), location: 'Sala', casn: 'FIX000000001' });

    const created = await send('create');
    expect(onPlatform()).toMatchObject({ status: 'active', basePackage: 'basico', extraPackages: ['hbo'], devices: [{ casn: 'FIX000000001', location: 'Sala' }] });
    expect(created.subscriber?.platforms).toEqual([expect.objectContaining({ platform: 'fixturetv', attached: true, login, subscriptionId: sub })]);

    await stack.staff.updateContractedPlan({ ...ref(), status: 'suspended' });
    await send('block', { reason: 'other' });
    expect(onPlatform()?.status).toBe('suspended');

    await stack.staff.updateContractedPlan({ ...ref(), status: 'active' });
    await send('unblock');
    expect(onPlatform()?.status).toBe('active');

    await stack.staff.updateContractedPlan({ ...ref(), status: 'cancelled' });
    const disabled = await send('disable');
    expect(onPlatform()).toBeUndefined();
    expect(disabled.subscriber?.platforms).toEqual([expect.objectContaining({ platform: 'fixturetv', attached: false })]);
  });

  it('shows up in reconcile like the built-in platforms', async () => {
    const other = (await stack.staff.createCustomer({ name: 'Cliente Fixture 2' })).id;
    await stack.staff.addContractedPlan({ customerId: other, planId: 'TV-FIXTURETV', radiusLogin: 'fixture.dois@isp' });
    const run = await api.reconcile({ billing: 'isp-integrator', account: other, repair: false }, { wait: true, timeoutMs: 60_000 });
    expect(run.summary?.drift).toEqual([expect.objectContaining({ account: other, platform: 'fixturetv', steps: expect.arrayContaining(['tv.ensure']) })]);
  });
});
