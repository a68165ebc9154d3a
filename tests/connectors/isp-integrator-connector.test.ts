import http from 'node:http';
import { AddressInfo } from 'node:net';
import { BEENIUS_AUTH_PIN_FIELD, BEENIUS_SUBSCRIBER_ID_FIELD } from '../../connectors/isp-integrator';
import { PermanentError } from '../../connectors/errors';
import { failure, IspIntegratorFixture, startIspIntegrator } from './isp-integrator-support';

/** ISP-Integrator connector against its simulator over a real socket: every operation and its rules. */
describe('isp-integrator connector', () => {
  let fx: IspIntegratorFixture;

  beforeAll(async () => {
    fx = await startIspIntegrator();
  });
  afterAll(() => fx.sim.stop());
  beforeEach(() => {
    fx.sim.reset();
    fx.sim.faults.requests.length = 0;
  });

  const maria = { customerId: '1001', contractedPlanId: '5001' };
  const joao = { customerId: '1002', contractedPlanId: '5002' };
  const ana = { customerId: '1003', contractedPlanId: '5003' };

  describe('catalogue', () => {
    it('reads plan settings, packages with channels and point locations', async () => {
      await expect(fx.billing.getPlanSettings('TV-BEENIUS')).resolves.toEqual({
        id: 'TV-BEENIUS', name: 'TV Essencial (Multi TV Beenius)', allowsTvPlans: true, releasedPackageId: 'PKG-BASICO', tvPlatform: 'beenius',
      });
      const plans = await fx.billing.listPlans();
      expect(plans.find((p) => p.id === 'INTERNET-300')).toMatchObject({ allowsTvPlans: false, releasedPackageId: null, tvPlatform: null });
      expect(new Set(plans.map((p) => p.tvPlatform))).toEqual(new Set(['beenius', 'cdntv', 'ion', 'neotv', 'mcr', 'maxitv', 'deezer', null]));

      const extras = await fx.billing.listPackages({ extra: true });
      expect(extras.length).toBeGreaterThan(0);
      expect(extras.every((p) => p.extra)).toBe(true);
      const hbo = await fx.billing.getPackage('PKG-HBO');
      expect(hbo).toMatchObject({ extra: true, price: 3490, platformCode: 'hbo' });
      expect(hbo.channels).toContainEqual({ name: 'HBO', number: 201, family: 'Filmes' });

      await expect(fx.billing.listPointLocations()).resolves.toContain('Sala');
    });

    it('maps unknown ids to PermanentError not_found', async () => {
      expect(await failure(fx.billing.getPlanSettings('NOPE'))).toMatchObject({ reason: 'not_found' });
      expect(await failure(fx.billing.getPackage('NOPE'))).toMatchObject({ reason: 'not_found' });
      expect(await failure(fx.billing.getCustomer('999999'))).toMatchObject({ reason: 'not_found' });
      expect(await failure(fx.billing.getContractedPlan({ customerId: '1001', contractedPlanId: '5002' }))).toMatchObject({ reason: 'not_found' });
    });
  });

  describe('BillingSystem port', () => {
    it('maps a customer onto a billing account with its TV plans', async () => {
      const account = await fx.billing.getAccount('1001');
      expect(account).toMatchObject({
        billing: 'isp-integrator', accountId: '1001', agreementId: '1001', login: 'maria.silva', status: 'active',
        services: [{ service: 'tv', externalId: '5001', active: true }],
        tvPlans: [{ contractedPlanId: '5001', planId: 'TV-BEENIUS', tvPlatform: 'beenius', status: 'active', radiusLogin: 'maria.silva' }],
      });
      expect(account.contractedPlans[0].packages.map((p) => p.packageId)).toEqual(['PKG-BASICO', 'PKG-HBO']);
      expect(account.changedAt).toEqual(expect.any(String));
    });

    it('derives the status from the TV plans: suspended → blocked, cancelled → disabled, none → new', async () => {
      await fx.billing.updateContractedPlan({ ...joao, status: 'suspended' });
      await expect(fx.billing.getAccount('1002')).resolves.toMatchObject({ status: 'blocked', blockReason: 'other', services: [{ active: false }] });
      await fx.billing.updateContractedPlan({ ...joao, status: 'cancelled' });
      await expect(fx.billing.getAccount('1002')).resolves.toMatchObject({ status: 'disabled' });
      const fresh = await fx.billing.createCustomer({ name: 'Sem Plano' });
      await expect(fx.billing.getAccount(fresh.id)).resolves.toMatchObject({ status: 'new', services: [] });
      const internetOnly = await fx.billing.createCustomer({ name: 'Só Internet' });
      await fx.billing.addContractedPlan({ customerId: internetOnly.id, planId: 'INTERNET-300', radiusLogin: 'so.internet' });
      // Not a TV plan: no service and no login for the TV platforms.
      await expect(fx.billing.getAccount(internetOnly.id)).resolves.toMatchObject({ status: 'active', services: [], tvPlans: [] });
      expect((await fx.billing.getAccount(internetOnly.id)).login).toBeUndefined();
    });

    it('lists every account across pages', async () => {
      fx.sim.generate(1500);
      const accounts = await fx.billing.listAccounts();
      expect(accounts).toHaveLength(1503);
      expect(new Set(accounts.map((a) => a.accountId)).size).toBe(1503);
    });

    it('refuses charge and setBlock: TV is billed by billing events', async () => {
      const charge = await failure(fx.billing.charge());
      expect(charge).toBeInstanceOf(PermanentError);
      expect(charge).toMatchObject({ reason: 'rejected', message: expect.stringMatching(/billing events/) });
      expect(await failure(fx.billing.setBlock())).toMatchObject({ reason: 'rejected' });
    });

    it('health succeeds with the token and is an auth error without it', async () => {
      await expect(fx.billing.health()).resolves.toBeUndefined();
      const err = await failure(fx.connect({ token: 'wrong' }).health());
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.reason).toBe('auth');
    });
  });

  describe('customers and contracted plans', () => {
    it('creates a customer with a TV plan that starts with the released package', async () => {
      const customer = await fx.billing.createCustomer({ name: 'Carla Dias', document: '98765432100' });
      const cp = await fx.billing.addContractedPlan({ customerId: customer.id, planId: 'TV-ION', radiusLogin: 'carla.dias' });
      expect(cp).toMatchObject({ customerId: customer.id, planId: 'TV-ION', status: 'active', radiusLogin: 'carla.dias', points: [], extraFields: {} });
      expect(cp.packages).toEqual([expect.objectContaining({ packageId: 'PKG-BASICO', kind: 'default', status: 'active' })]);
      await expect(fx.billing.getCustomer(customer.id)).resolves.toMatchObject({ name: 'Carla Dias', document: '98765432100', plans: [{ id: cp.id }] });
    });

    it('keeps RADIUS logins unique and a cancelled plan final', async () => {
      expect(await failure(fx.billing.updateContractedPlan({ ...ana, radiusLogin: 'maria.silva' }))).toMatchObject({ reason: 'conflict', message: expect.stringMatching(/radiusLogin/) });
      await fx.billing.updateContractedPlan({ ...joao, status: 'cancelled' });
      expect(await failure(fx.billing.updateContractedPlan({ ...joao, status: 'active' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/status/) });
    });

    it('rejects bad input before sending anything, naming the field', async () => {
      const err = await failure(fx.billing.createCustomer({ name: 'X', document: '123' }));
      expect(err).toMatchObject({ reason: 'validation', message: expect.stringMatching(/document/) });
      expect(fx.sim.faults.requests).toHaveLength(0);
    });

    it('creates one customer for one idempotency key', async () => {
      const first = await fx.billing.createCustomer({ name: 'Duplicada', idempotencyKey: 'create-dup' });
      const again = await fx.billing.createCustomer({ name: 'Duplicada', idempotencyKey: 'create-dup' });
      expect(again.id).toBe(first.id);
      expect((fx.sim.state().customers as { name: string }[]).filter((c) => c.name === 'Duplicada')).toHaveLength(1);
    });
  });

  describe('packages on a contracted plan', () => {
    it('adds an extra package with its own or an overridden price', async () => {
      const cp = await fx.billing.addExtraPackage({ ...joao, packageId: 'PKG-ESPORTES' });
      expect(cp.packages).toContainEqual(expect.objectContaining({ packageId: 'PKG-ESPORTES', kind: 'extra', price: 2990, status: 'active' }));
      const discounted = await fx.billing.addExtraPackage({ ...joao, packageId: 'PKG-TELECINE', price: 1990 });
      expect(discounted.packages).toContainEqual(expect.objectContaining({ packageId: 'PKG-TELECINE', price: 1990 }));
    });

    it('refuses a TV plan without RADIUS login with a PermanentError naming radiusLogin', async () => {
      const err = await failure(fx.billing.addExtraPackage({ ...ana, packageId: 'PKG-HBO' }));
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.reason).toBe('validation');
      expect(err.message).toMatch(/HTTP 422/);
      expect(err.message).toMatch(/radiusLogin/);
      // Once billing staff fill in the login, the same request goes through.
      await fx.billing.updateContractedPlan({ ...ana, radiusLogin: 'ana.costa' });
      await expect(fx.billing.addExtraPackage({ ...ana, packageId: 'PKG-HBO' })).resolves.toMatchObject({ radiusLogin: 'ana.costa' });
    });

    it('only adds extra packages, once, on an active plan', async () => {
      expect(await failure(fx.billing.addExtraPackage({ ...joao, packageId: 'PKG-PREMIUM' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/packageId/) });
      expect(await failure(fx.billing.addExtraPackage({ ...joao, packageId: 'PKG-NOPE' }))).toMatchObject({ reason: 'not_found' });
      expect(await failure(fx.billing.addExtraPackage({ ...maria, packageId: 'PKG-HBO' }))).toMatchObject({ reason: 'conflict' });
      await fx.billing.updateContractedPlan({ ...joao, status: 'suspended' });
      expect(await failure(fx.billing.addExtraPackage({ ...joao, packageId: 'PKG-HBO' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/status/) });
    });

    it('adds a package once for one idempotency key', async () => {
      const first = await fx.billing.addExtraPackage({ ...joao, packageId: 'PKG-HBO', idempotencyKey: 'add-hbo-joao' });
      const again = await fx.billing.addExtraPackage({ ...joao, packageId: 'PKG-HBO', idempotencyKey: 'add-hbo-joao' });
      expect(again).toEqual(first);
      const plan = await fx.billing.getContractedPlan(joao);
      expect(plan.packages.filter((p) => p.packageId === 'PKG-HBO')).toHaveLength(1);
    });

    it('cancels a package (kept in history) and deletes one (gone)', async () => {
      const cancelled = await fx.billing.cancelPackage({ ...maria, packageId: 'PKG-HBO' });
      expect(cancelled.packages).toContainEqual(expect.objectContaining({ packageId: 'PKG-HBO', status: 'cancelled', cancelledAt: expect.any(String) }));
      // Adding it again starts a new active entry; the cancelled one stays as history.
      const readded = await fx.billing.addExtraPackage({ ...maria, packageId: 'PKG-HBO' });
      expect(readded.packages.filter((p) => p.packageId === 'PKG-HBO').map((p) => p.status)).toEqual(['cancelled', 'active']);
      const deleted = await fx.billing.deletePackage({ ...maria, packageId: 'PKG-HBO' });
      expect(deleted.packages.map((p) => p.packageId)).toEqual(['PKG-BASICO']);
      expect(await failure(fx.billing.deletePackage({ ...maria, packageId: 'PKG-HBO' }))).toMatchObject({ reason: 'not_found' });
    });

    it('keeps the default package: it changes with the plan', async () => {
      expect(await failure(fx.billing.cancelPackage({ ...maria, packageId: 'PKG-BASICO' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/default package/) });
      expect(await failure(fx.billing.deletePackage({ ...maria, packageId: 'PKG-BASICO' }))).toMatchObject({ reason: 'validation' });
    });

    it('changes the plan (option 2): the default package follows, extras stay', async () => {
      const cp = await fx.billing.changePlan({ ...maria, planId: 'TV-BEENIUS-PREMIUM' });
      expect(cp.planId).toBe('TV-BEENIUS-PREMIUM');
      expect(cp.packages.map((p) => [p.packageId, p.kind, p.status])).toEqual([
        ['PKG-BASICO', 'default', 'cancelled'],
        ['PKG-HBO', 'extra', 'active'],
        ['PKG-PREMIUM', 'default', 'active'],
      ]);
      expect(await failure(fx.billing.changePlan({ ...maria, planId: 'INTERNET-300' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/planId/) });
      expect(await failure(fx.billing.changePlan({ ...ana, planId: 'TV-BEENIUS-PREMIUM' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/radiusLogin/) });
    });
  });

  describe('points and set-top boxes', () => {
    it('adds a point with a registered, free set-top box', async () => {
      const { contractedPlan, point } = await fx.billing.addPoint({ ...joao, location: 'Quarto 1', casn: 'BNS000000002' });
      expect(point).toMatchObject({ location: 'Quarto 1', casn: 'BNS000000002' });
      expect(contractedPlan.points).toContainEqual(point);
      await expect(fx.billing.getSetTopBox('BNS000000002')).resolves.toMatchObject({ status: 'in_use' });
    });

    it('refuses an unregistered or already used CASN as a conflict, and an unknown location', async () => {
      const unregistered = await failure(fx.billing.addPoint({ ...joao, location: 'Sala', casn: 'UNKNOWN0001' }));
      expect(unregistered).toMatchObject({ reason: 'conflict', message: expect.stringMatching(/casn.*not registered/) });
      const used = await failure(fx.billing.addPoint({ ...joao, location: 'Sala', casn: 'BNS000000001' }));
      expect(used).toMatchObject({ reason: 'conflict', message: expect.stringMatching(/already used/) });
      const location = await failure(fx.billing.addPoint({ ...joao, location: 'Garagem', casn: 'BNS000000002' }));
      expect(location).toMatchObject({ reason: 'validation', message: expect.stringMatching(/location/) });
      expect(await failure(fx.billing.addPoint({ ...ana, location: 'Sala', casn: 'BNS000000002' }))).toMatchObject({ message: expect.stringMatching(/radiusLogin/) });
    });

    it('has no points on Deezer, a music service', async () => {
      const customer = await fx.billing.createCustomer({ name: 'Ouvinte' });
      const cp = await fx.billing.addContractedPlan({ customerId: customer.id, planId: 'MUSICA-DEEZER', radiusLogin: 'ouvinte' });
      const err = await failure(fx.billing.addPoint({ customerId: customer.id, contractedPlanId: cp.id, location: 'Sala', casn: 'BNS000000003' }));
      expect(err).toMatchObject({ reason: 'validation', message: expect.stringMatching(/deezer.*without set-top points/i) });
    });

    it('edits, swaps and removes a point, moving boxes between in_use and available', async () => {
      const pointId = (await fx.billing.getContractedPlan(maria)).points[0].id;
      const edited = await fx.billing.editPoint({ ...maria, pointId, location: 'Quarto 2' });
      expect(edited.points[0]).toMatchObject({ id: pointId, location: 'Quarto 2', casn: 'BNS000000001' });

      const swapped = await fx.billing.swapPoint({ ...maria, pointId, casn: 'BNS000000004' });
      expect(swapped.points[0]).toMatchObject({ id: pointId, location: 'Quarto 2', casn: 'BNS000000004' });
      await expect(fx.billing.getSetTopBox('BNS000000001')).resolves.toMatchObject({ status: 'available' });
      await expect(fx.billing.getSetTopBox('BNS000000004')).resolves.toMatchObject({ status: 'in_use' });

      const viaEdit = await fx.billing.editPoint({ ...maria, pointId, casn: 'BNS000000005' });
      expect(viaEdit.points[0].casn).toBe('BNS000000005');
      await expect(fx.billing.getSetTopBox('BNS000000004')).resolves.toMatchObject({ status: 'available' });

      const removed = await fx.billing.removePoint({ ...maria, pointId });
      expect(removed.points).toEqual([]);
      await expect(fx.billing.getSetTopBox('BNS000000005')).resolves.toMatchObject({ status: 'available' });
      expect(await failure(fx.billing.removePoint({ ...maria, pointId }))).toMatchObject({ reason: 'not_found' });
    });

    it('refuses to swap to a box another point uses', async () => {
      const { point } = await fx.billing.addPoint({ ...joao, location: 'Sala', casn: 'BNS000000002' });
      const err = await failure(fx.billing.swapPoint({ ...joao, pointId: point.id, casn: 'BNS000000001' }));
      expect(err).toMatchObject({ reason: 'conflict' });
      await expect(fx.billing.getSetTopBox('BNS000000002')).resolves.toMatchObject({ status: 'in_use' });
    });

    it('returns the boxes to stock when a contracted plan is cancelled', async () => {
      await fx.billing.updateContractedPlan({ ...maria, status: 'cancelled' });
      await expect(fx.billing.getSetTopBox('BNS000000001')).resolves.toMatchObject({ status: 'available' });
      await expect(fx.billing.getContractedPlan(maria)).resolves.toMatchObject({ status: 'cancelled', points: [] });
    });

    it('registers a set-top box once and finds it by asset number', async () => {
      await expect(fx.billing.registerSetTopBox({ casn: 'NEWBOX0001', assetNumber: 'PAT-90001', model: 'X1' })).resolves.toMatchObject({ created: true, box: { status: 'available' } });
      await expect(fx.billing.registerSetTopBox({ casn: 'NEWBOX0001', assetNumber: 'PAT-90001', model: 'X1' })).resolves.toMatchObject({ created: false });
      // A replay of the same idempotency key did not create the box either.
      await fx.billing.registerSetTopBox({ casn: 'NEWBOX0002', assetNumber: 'PAT-90002', idempotencyKey: 'stb-2' });
      await expect(fx.billing.registerSetTopBox({ casn: 'NEWBOX0002', assetNumber: 'PAT-90002', idempotencyKey: 'stb-2' })).resolves.toMatchObject({ created: false });

      expect(await failure(fx.billing.registerSetTopBox({ casn: 'NEWBOX0001', assetNumber: 'PAT-OTHER', model: 'X1' }))).toMatchObject({ reason: 'conflict', message: expect.stringMatching(/assetNumber/) });
      expect(await failure(fx.billing.registerSetTopBox({ casn: 'NEWBOX0003', assetNumber: 'PAT-90001' }))).toMatchObject({ reason: 'conflict' });
      expect(await failure(fx.billing.registerSetTopBox({ casn: 'short', assetNumber: 'PAT-1' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/casn/) });

      await expect(fx.billing.findSetTopBoxByAssetNumber('PAT-90001')).resolves.toEqual({ casn: 'NEWBOX0001', assetNumber: 'PAT-90001', model: 'X1', status: 'available' });
      await expect(fx.billing.findSetTopBoxByAssetNumber('PAT-NONE')).resolves.toBeNull();
    });
  });

  describe('extra fields', () => {
    it('writes the Beenius subscriber id and PIN back, keeping other fields', async () => {
      await fx.billing.setExtraFields({ ...maria, fields: { Observação: 'cliente antigo' } });
      const cp = await fx.billing.setExtraFields({ ...maria, fields: { [BEENIUS_SUBSCRIBER_ID_FIELD]: 'BNS-777', [BEENIUS_AUTH_PIN_FIELD]: '4321' } });
      expect(cp.extraFields).toEqual({ Observação: 'cliente antigo', 'ID Assinante Beenius': 'BNS-777', 'Auth Pin Assinante Beenius': '4321' });
      const cleared = await fx.billing.setExtraFields({ ...maria, fields: { Observação: null } });
      expect(cleared.extraFields).not.toHaveProperty('Observação');
    });
  });

  it('turns a malformed answer into a PermanentError naming the field', async () => {
    const liar = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: '1001', name: 'Maria', plans: [{ id: '5001', status: 'weird' }] }));
    });
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    try {
      const err = await failure(fx.connect({ url: `http://127.0.0.1:${(liar.address() as AddressInfo).port}` }).getCustomer('1001'));
      expect(err).toBeInstanceOf(PermanentError);
      expect(err.reason).toBe('rejected');
      expect(err.message).toMatch(/plans\.0\.(customerId|planId|status)/);
    } finally {
      await new Promise((resolve) => liar.close(resolve));
    }
  });
});
