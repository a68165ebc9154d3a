import { SubsyncClient } from '../../client/ts';
import { connectorDefinition } from '../../connectors/registry';
import type { TvSubscriberState } from '../../connectors/tv/port';
import { defaultSeed } from '../../simulators/isp-integrator/seed';
import { basePackageCode, extraPackageFor } from '../../simulators/isp-integrator/tv-plans';
import { simulatedTvPlatforms } from '../../simulators/tv/demo-platforms';
import { startTvTestStack, TvTestStack } from '../support/tv-stack';

/**
 * Seed 002 end to end for each TV platform of the registry (the seed's seven): ISP-Integrator's
 * staff changes a customer's TV plan over REST, billing's hook sends the event through subsync's
 * HTTP API, and the platform (its own protocol flavour, real socket) ends up with what billing says.
 */
const platforms = simulatedTvPlatforms().map((p) => p.kind);

describe('TV lifecycle: ISP-Integrator → subsync → TV platform', () => {
  let stack: TvTestStack;
  let api: SubsyncClient;
  let n = 0;
  let boxes = 0;
  const send = async (account: string, type: string, extra: Record<string, unknown> = {}) => {
    const r = await api.submitEvent({ id: `tv-${type}-${++n}`, billing: 'isp-integrator', account, type, ...extra }, { wait: true, timeoutMs: 20_000 });
    expect(r.status).toBe('applied');
    return r;
  };
  /** The simulator's own record of the subscriber (its model, not any connector's reading of it). */
  const onPlatform = (flavour: string, login: string) =>
    (stack.tv[flavour].state() as { subscribers: (Omit<TvSubscriberState, 'subscriberId'> & { pin: string })[] }).subscribers.find((s) => s.login === login);
  const newBox = async () => {
    const casn = `E2E${String(++boxes).padStart(9, '0')}`;
    await stack.staff.registerSetTopBox({ casn, assetNumber: `PAT-E2E-${boxes}` });
    return casn;
  };

  beforeAll(async () => {
    stack = await startTvTestStack();
    expect(platforms).toEqual(expect.arrayContaining(['beenius', 'cdntv', 'ion', 'neotv', 'mcr', 'deezer', 'maxitv']));
    api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  });
  afterAll(async () => stack?.stop());

  describe.each(platforms)('%s', (flavour) => {
    const devices = connectorDefinition(flavour)?.features?.devices ?? true;
    const planId = defaultSeed.plans!.find((p) => p.tvPlatform === flavour)!.id;
    const login = `${flavour}.cliente@isp`;
    let customer: string;
    let sub: string;
    const ref = () => ({ customerId: customer, contractedPlanId: sub });
    // What billing sells on this platform: its own options (Deezer's music) or TV channels.
    const { id: extra, platformCode: extraCode } = extraPackageFor(flavour);
    const sellsChannels = extra === 'PKG-HBO';
    const baseCode = basePackageCode(planId, defaultSeed);

    it('create: subscriber on the platform with the plan\'s base package, extras and point', async () => {
      customer = (await stack.staff.createCustomer({ name: `Cliente ${flavour}` })).id;
      sub = (await stack.staff.addContractedPlan({ customerId: customer, planId, radiusLogin: login })).id;
      await stack.staff.addExtraPackage({ ...ref(), packageId: extra });
      const casn = devices ? await newBox() : undefined;
      if (casn) await stack.staff.addPoint({ ...ref(), location: 'Sala', casn });
      const res = await send(customer, 'create');
      const state = onPlatform(flavour, login)!;
      expect(state).toBeDefined();
      expect(state.basePackage).toBe(baseCode);
      expect(state.extraPackages).toEqual([extraCode]);
      expect(state.devices.map((d) => d.casn)).toEqual(casn ? [casn] : []);
      expect(res.subscriber?.platforms).toEqual([expect.objectContaining({ platform: flavour, attached: true, login, subscriptionId: sub })]);
      if (flavour === 'beenius') {
        // Beenius's id and PIN are written back into billing's extra fields once the platform confirmed them.
        const plan = await stack.staff.getContractedPlan(ref());
        const onBeenius = res.subscriber!.platforms[0].detail as { subscriberId: string };
        expect(plan.extraFields['ID Assinante Beenius']).toBe(onBeenius.subscriberId);
        expect(plan.extraFields['Auth Pin Assinante Beenius']).toBe(state.pin);
      }
    });

    it('add, cancel and delete extra packages', async () => {
      if (sellsChannels) {
        await stack.staff.addExtraPackage({ ...ref(), packageId: 'PKG-TELECINE' });
        await send(customer, 'tv.package.add', { subscription: sub, package: 'PKG-TELECINE' });
        expect(onPlatform(flavour, login)!.extraPackages.sort()).toEqual([extraCode, 'telecine'].sort());
        await stack.staff.cancelPackage({ ...ref(), packageId: 'PKG-TELECINE' });
        await send(customer, 'tv.package.cancel', { subscription: sub, package: 'PKG-TELECINE' });
        expect(onPlatform(flavour, login)!.extraPackages).toEqual([extraCode]);
      }
      await stack.staff.deletePackage({ ...ref(), packageId: extra });
      await send(customer, 'tv.package.delete', { subscription: sub, package: extra });
      expect(onPlatform(flavour, login)!.extraPackages).toEqual([]);
    });

    (devices ? it : it.skip)('add, edit, swap and remove set-top points', async () => {
      const second = await newBox();
      const added = await stack.staff.addPoint({ ...ref(), location: 'Quarto 1', casn: second });
      await send(customer, 'tv.point.add', { subscription: sub, point: added.point.id, casn: second });
      expect(onPlatform(flavour, login)!.devices.map((d) => d.casn)).toContain(second);

      await stack.staff.editPoint({ ...ref(), pointId: added.point.id, location: 'Escritório' });
      await send(customer, 'tv.point.edit', { subscription: sub, point: added.point.id });
      expect(onPlatform(flavour, login)!.devices.find((d) => d.casn === second)?.location).toBe('Escritório');

      const third = await newBox();
      await stack.staff.swapPoint({ ...ref(), pointId: added.point.id, casn: third });
      await send(customer, 'tv.point.swap', { subscription: sub, point: added.point.id, casn: third });
      const casns = onPlatform(flavour, login)!.devices.map((d) => d.casn);
      expect(casns).toContain(third);
      expect(casns).not.toContain(second);

      await stack.staff.removePoint({ ...ref(), pointId: added.point.id });
      await send(customer, 'tv.point.remove', { subscription: sub, point: added.point.id });
      expect(onPlatform(flavour, login)!.devices.map((d) => d.casn)).not.toContain(third);
    });

    it('block suspends, unblock resumes', async () => {
      await stack.staff.updateContractedPlan({ ...ref(), status: 'suspended' });
      await send(customer, 'block', { reason: 'other' });
      expect(onPlatform(flavour, login)!.status).toBe('suspended');
      await stack.staff.updateContractedPlan({ ...ref(), status: 'active' });
      await send(customer, 'unblock');
      expect(onPlatform(flavour, login)!.status).toBe('active');
    });

    if (flavour === 'beenius') {
      it('change plan (option 2: a closed package) switches the base package', async () => {
        await stack.staff.changePlan({ ...ref(), planId: 'TV-BEENIUS-PREMIUM' });
        await send(customer, 'plan.change', { subscription: sub, plan: 'TV-BEENIUS-PREMIUM' });
        expect(onPlatform(flavour, login)!.basePackage).toBe('premium');
      });
    }

    it('disable removes the subscriber from the platform', async () => {
      await stack.staff.updateContractedPlan({ ...ref(), status: 'cancelled' });
      const res = await send(customer, 'disable');
      expect(onPlatform(flavour, login)).toBeUndefined();
      expect(res.subscriber?.platforms.find((p) => p.subscriptionId === sub)?.attached).toBe(false);
    });
  });

  it('parks a TV plan without a RADIUS login, naming it', async () => {
    const customer = (await stack.staff.createCustomer({ name: 'Sem login' })).id;
    await stack.staff.addContractedPlan({ customerId: customer, planId: 'TV-CDNTV' });
    const res = await api.submitEvent({ id: `tv-nologin-${++n}`, billing: 'isp-integrator', account: customer, type: 'create' }, { wait: true, timeoutMs: 20_000 });
    expect(res.status).toBe('parked');
    expect(res.subscriber?.parked?.reason).toMatch(/RADIUS login/);
  });
});
