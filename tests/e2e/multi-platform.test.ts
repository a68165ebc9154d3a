import { SubsyncClient } from '../../client/ts';
import { startTvTestStack, TvTestStack } from '../support/tv-stack';

/** One billing account with services on two platforms is one entity workflow that drives both. */
describe('a subscriber with TV and intercom', () => {
  let stack: TvTestStack;
  let api: SubsyncClient;
  beforeAll(async () => {
    // Here the ISP sells intercom too, linked by the same RADIUS login.
    stack = await startTvTestStack({ services: { intercom: { billing: ['lanbilling', 'isp-integrator'] } } });
    api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  });
  afterAll(async () => stack?.stop());

  it('applies one event to both platforms from one workflow, in order', async () => {
    const customer = (await stack.staff.createCustomer({ name: 'Carla Dias' })).id;
    const sub = (await stack.staff.addContractedPlan({ customerId: customer, planId: 'TV-ION', radiusLogin: 'carla.dias' })).id;
    const created = await api.submitEvent({ id: `multi-create-${customer}`, billing: 'isp-integrator', account: customer, type: 'create' }, { wait: true });
    expect(created.status).toBe('applied');
    expect(created.workflowId).toBe(`subscriber:isp-integrator:${customer}`);
    const platforms = created.subscriber!.platforms.map((p) => p.platform).sort();
    expect(platforms).toEqual(['intercom', 'ion']);
    const profile = (stack.intercom.state() as { profiles: { login: string; addresses: { externalId: string }[] }[] }).profiles.find((p) => p.login === 'carla.dias');
    expect(profile?.addresses.map((a) => a.externalId)).toEqual([`isp-integrator:${customer}`]);

    await stack.staff.updateContractedPlan({ customerId: customer, contractedPlanId: sub, status: 'cancelled' });
    const off = await api.submitEvent({ id: `multi-disable-${customer}`, billing: 'isp-integrator', account: customer, type: 'disable' }, { wait: true });
    expect(off.status).toBe('applied');
    expect((stack.tv.ion.state() as { subscribers: { login: string }[] }).subscribers.find((s) => s.login === 'carla.dias')).toBeUndefined();
    // The account is disabled in billing (its only plan cancelled), so the intercom address goes too.
    expect((stack.intercom.state() as { profiles: { login: string }[] }).profiles.find((p) => p.login === 'carla.dias')).toBeUndefined();
  });
});
