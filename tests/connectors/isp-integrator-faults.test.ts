import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import { failure, IspIntegratorFixture, startIspIntegrator } from './isp-integrator-support';

/** Every fault kind of the simulator kit reaches the connector's caller as the right error type. */
describe('isp-integrator faults', () => {
  let fx: IspIntegratorFixture;

  beforeAll(async () => {
    fx = await startIspIntegrator();
  });
  afterAll(() => fx.sim.stop());
  afterEach(() => fx.sim.faults.clear());

  it('5xx is transient', async () => {
    await fx.sim.faults.add({ kind: 'status', status: 503, times: 1 });
    const err = await failure(fx.billing.getCustomer('1001'));
    expect(err).toBeInstanceOf(TransientError);
    expect(err.message).toMatch(/HTTP 503/);
    await expect(fx.billing.getCustomer('1001')).resolves.toMatchObject({ id: '1001' });
  });

  it('a down service is transient (connection refused) and recovers on the same port', async () => {
    await fx.sim.faults.add({ kind: 'down' });
    // A pooled keep-alive socket may first see the close as ECONNRESET; new connections are refused.
    expect(await failure(fx.billing.listChargedExtras())).toBeInstanceOf(TransientError);
    const err = await failure(fx.billing.listChargedExtras());
    expect(err).toBeInstanceOf(TransientError);
    expect(err.message).toMatch(/ECONNREFUSED/);
    await fx.sim.faults.clear();
    await expect(fx.billing.listChargedExtras()).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('a request that never answers is transient after the client timeout', async () => {
    await fx.sim.faults.add({ kind: 'timeout', operation: 'createTvBillingEvent', times: 1 });
    const quick = fx.connect({ timeoutMs: 200 });
    const started = Date.now();
    const err = await failure(quick.createTvBillingEvent({ customerId: '1001', contractedPlanId: '5001', dueDate: '2025-05-10', items: [{ packageId: 'PKG-HBO', price: 3490 }] }));
    expect(err).toBeInstanceOf(TransientError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('429 is rate limited with the Retry-After delay', async () => {
    await fx.sim.faults.add({ kind: 'rate_limit', retryAfterSeconds: 7, operation: 'listChargedExtras', times: 1 });
    const err = await failure(fx.billing.listChargedExtras());
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err.retryAfterMs).toBe(7000);
  });

  it('a 4xx fault on one operation is permanent and leaves the others alone', async () => {
    await fx.sim.faults.add({ kind: 'fault', operation: 'addPoint', status: 409, code: 'conflict', message: 'casn: set-top box blocked by stock control' });
    await expect(fx.billing.getCustomer('1001')).resolves.toMatchObject({ id: '1001' });
    const err = await failure(fx.billing.addPoint({ customerId: '1002', contractedPlanId: '5002', location: 'Sala', casn: 'BNS000000006' }));
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'conflict', operation: 'addPoint', message: expect.stringMatching(/stock control/) });
  });

  it('a 5xx fault on one operation is transient', async () => {
    await fx.sim.faults.add({ kind: 'fault', operation: 'setExtraFields', status: 500, code: 'Server', message: 'database locked' });
    const err = await failure(fx.billing.setExtraFields({ customerId: '1001', contractedPlanId: '5001', fields: { 'ID Assinante Beenius': '1' } }));
    expect(err).toBeInstanceOf(TransientError);
    expect(err.message).toMatch(/database locked/);
  });

  it('latency delays but does not fail', async () => {
    await fx.sim.faults.add({ kind: 'latency', ms: 150, times: 1 });
    const started = Date.now();
    await expect(fx.billing.health()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
