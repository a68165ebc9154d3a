import { cdnTvConnector } from '../../connectors/cdntv';
import { ispIntegratorConnector } from '../../connectors/isp-integrator';
import { Connectors } from '../../connectors/registry';
import type { SlotState } from '../../domain/slot';
import { convergeSlot, kindContext, PlannedSlot } from '../../activities/converge';
import { tvKind, DesiredTv } from '../../kinds/tv';
import { createLogger } from '../../runtime/logger';
import { tvCatalogFromBilling } from '../../simulators/demo-seed';
import { createTvSimulator, TvSimulator } from '../../simulators/tv';

/**
 * The TV kind's platform calls for whole commands, against a TV platform's simulator over a real
 * socket (CDN TV: no billing write-back, a status call that answers the customer, an unbind that
 * answers 204): the calls a command costs are what the bench's throughput rests on.
 */
const logger = createLogger({ level: 'silent' });
const LOGIN = 'ana.costa@isp';

describe('TV kind: the platform calls of a command', () => {
  let sim: TvSimulator;
  let connectors: Connectors;
  let commands = 0;
  // Never called: kindContext names billing's login field, and CDN TV needs no write-back.
  const billing = ispIntegratorConnector.create('isp-integrator', ispIntegratorConnector.configSchema.parse({ url: 'http://127.0.0.1:9', token: 'unused' }), { logger });

  const desired = (over: Partial<DesiredTv> = {}): DesiredTv => ({
    role: 'tv', slot: 'tv:5001', key: 'tv:5001', service: 'tv', subscriptionId: '5001', platform: 'cdntv', present: true, login: LOGIN,
    basePackage: 'basico', extraPackages: [], devices: [], suspended: false, fields: {}, ...over,
  });
  /** One command: a fresh activity context (as each attempt gets), then the converge; answers the platform's requests and what was confirmed. */
  const command = async (want: DesiredTv, known?: SlotState) => {
    const ctx = kindContext({ connectors, logger }, { billing: 'isp-integrator', account: '1001' }, billing, 'apply');
    const planned: PlannedSlot = { kind: tvKind, policy: { service: 'tv', kind: 'tv', billing: ['isp-integrator'], settings: { platformByCode: {} } }, desired: want };
    const confirmed: SlotState[] = [];
    sim.faults.requests.splice(0);
    const state = await convergeSlot(ctx, planned, known, `isp-integrator:1001:cmd-${++commands}`, async (s) => void confirmed.push(s));
    return { state, confirmed, requests: sim.faults.requests.map((r) => r.operation) };
  };
  const onPlatform = () => sim.state().subscribers.find((s) => s.login === LOGIN);

  beforeAll(async () => {
    sim = createTvSimulator({ flavour: 'cdntv' });
    await sim.start();
    sim.seed(tvCatalogFromBilling());
    const tv = cdnTvConnector.create('cdntv', cdnTvConnector.configSchema.parse({ url: sim.url, ...sim.credentials }), { logger });
    connectors = new Connectors([['cdntv', { definition: cdnTvConnector, instance: tv }]]);
  });
  afterAll(() => sim.stop());

  it('creates with one read before it, and takes each write\'s answer as the confirmed state', async () => {
    const { state, confirmed, requests } = await command(desired({ extraPackages: ['hbo'], devices: [{ casn: 'CDN000000001', location: 'Sala' }] }));
    expect(requests).toEqual(['findSubscriber', 'createSubscriber', 'setBasePackage', 'addExtraPackage', 'bindDevice']);
    expect(confirmed).toHaveLength(4);
    expect(state?.profileId).toMatch(/\S/);
    expect(state?.detail).toEqual({ subscriberId: state?.profileId, status: 'active', basePackage: 'basico', extraPackages: ['hbo'], devices: [{ casn: 'CDN000000001', location: 'Sala' }] });
    expect(onPlatform()).toMatchObject({ basePackage: 'basico', extraPackages: ['hbo'], devices: [{ casn: 'CDN000000001', location: 'Sala' }] });
  });

  it('writes a change to the id its read found: a block is one read and one write', async () => {
    const { state, requests } = await command(desired({ extraPackages: ['hbo'], devices: [{ casn: 'CDN000000001', location: 'Sala' }], suspended: true }));
    expect(requests).toEqual(['findSubscriber', 'setStatus']);
    expect(state?.detail).toMatchObject({ status: 'suspended' });
    expect(onPlatform()?.status).toBe('suspended');
  });

  it('reads back after a write whose answer carries no subscriber (an unbind answers 204)', async () => {
    const { state, requests } = await command(desired({ extraPackages: ['hbo'], suspended: true }));
    expect(requests).toEqual(['findSubscriber', 'unbindDevice', 'findSubscriber']);
    expect(state?.detail).toMatchObject({ devices: [] });
    expect(onPlatform()?.devices).toEqual([]);
  });

  it('leaves nothing to do when the platform already matches, and removes with one read before it', async () => {
    expect((await command(desired({ extraPackages: ['hbo'], suspended: true }))).requests).toEqual(['findSubscriber']);
    const removed = await command(desired({ present: false }), { platform: 'cdntv', service: 'tv', subscriptionId: '5001', login: LOGIN, attached: true, capabilities: [] });
    expect(removed.requests).toEqual(['findSubscriber', 'removeSubscriber']);
    expect(removed.state).toMatchObject({ attached: false });
    expect(onPlatform()).toBeUndefined();
  });
});
