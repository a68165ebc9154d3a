import { failure, IspIntegratorFixture, startIspIntegrator } from './isp-integrator-support';

/** "Faturamento TV": charged-extras listing, billing events, the standard billing run and the statement. */
describe('isp-integrator TV billing', () => {
  let fx: IspIntegratorFixture;

  beforeAll(async () => {
    fx = await startIspIntegrator();
  });
  afterAll(() => fx.sim.stop());
  beforeEach(() => fx.sim.reset());

  const maria = { customerId: '1001', contractedPlanId: '5001' };
  const hbo = { packageId: 'PKG-HBO', name: 'HBO', price: 3490 };

  describe('charged extras', () => {
    it('lists only active plans whose active extras cost money', async () => {
      await fx.billing.addExtraPackage({ customerId: '1002', contractedPlanId: '5002', packageId: 'PKG-INFANTIL' });
      let page = await fx.billing.listChargedExtras();
      expect(page).toEqual({
        items: [{ customerId: '1001', customerName: 'Maria da Silva', contractedPlanId: '5001', planId: 'TV-BEENIUS', tvPlatform: 'beenius', radiusLogin: 'maria.silva', extras: [hbo], total: 3490 }],
        nextCursor: null,
      });
      await fx.billing.addExtraPackage({ customerId: '1002', contractedPlanId: '5002', packageId: 'PKG-ESPORTES', price: 1500 });
      await fx.billing.updateContractedPlan({ ...maria, status: 'suspended' });
      page = await fx.billing.listChargedExtras();
      expect(page.items.map((i) => [i.contractedPlanId, i.total])).toEqual([['5002', 1500]]);
      await fx.billing.cancelPackage({ customerId: '1002', contractedPlanId: '5002', packageId: 'PKG-ESPORTES' });
      await expect(fx.billing.listChargedExtras()).resolves.toEqual({ items: [], nextCursor: null });
    });

    it('pages over 2,500 customers returning each charged plan exactly once', async () => {
      fx.sim.generate(2500, { chargedRatio: 0.8 });
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await fx.billing.listChargedExtras({ cursor, limit: 300 });
        seen.push(...page.items.map((i) => i.contractedPlanId));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(seen).toHaveLength(1 + 2000);
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.ceil(2001 / 300));
    });

    it('keeps the cursor stable while plans change behind it', async () => {
      fx.sim.generate(100);
      const first = await fx.billing.listChargedExtras({ limit: 50 });
      // A plan already returned loses its extra, a later one gains nothing: the rest still comes exactly once.
      const returned = first.items[10];
      const cp = await fx.billing.getContractedPlan(returned);
      await fx.billing.cancelPackage({ ...returned, packageId: cp.packages.find((p) => p.kind === 'extra')!.packageId });
      const rest = await fx.billing.listChargedExtras({ cursor: first.nextCursor!, limit: 100 });
      const all = [...first.items, ...rest.items].map((i) => i.contractedPlanId);
      expect(all).toHaveLength(101);
      expect(new Set(all).size).toBe(101);
      expect(rest.nextCursor).toBeNull();
    });

    // How a deep page is found (an index, not a scan) is counted in simulators/isp-integrator/simulator.test.ts, not timed here.
    it('pages deep into 100,000 customers, every plan once', async () => {
      fx.sim.generate(100_000);
      const first = await fx.billing.listChargedExtras({ limit: 1000 });
      const seen = new Set(first.items.map((i) => i.contractedPlanId));
      let cursor = first.nextCursor!;
      for (let i = 0; i < 50; i++) {
        const page = await fx.billing.listChargedExtras({ cursor, limit: 1000 });
        for (const item of page.items) seen.add(item.contractedPlanId);
        cursor = page.nextCursor!;
      }
      const deep = await fx.billing.listChargedExtras({ cursor, limit: 1000 });
      expect(deep.items).toHaveLength(1000);
      expect(deep.items.some((i) => seen.has(i.contractedPlanId))).toBe(false);
      expect(seen.size).toBe(51_000);
    });

    it('refuses a cursor it did not issue', async () => {
      expect(await failure(fx.billing.listChargedExtras({ cursor: 'garbage' }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/cursor/) });
    });
  });

  describe('billing events', () => {
    it('creates a pending event once per customer, plan and due date', async () => {
      const first = await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-03-10', items: [hbo] });
      expect(first.created).toBe(true);
      expect(first.event).toMatchObject({ ...maria, dueDate: '2025-03-10', items: [hbo], total: 3490, status: 'pending', idempotencyKey: expect.any(String) });
      // The same listing saved again (another run, another key): the first event comes back.
      const again = await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-03-10', items: [{ ...hbo, price: 1 }] });
      expect(again).toEqual({ created: false, event: first.event });
      const other = await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-04-10', items: [hbo] });
      expect(other.created).toBe(true);
      expect((fx.sim.state().billingEvents as unknown[])).toHaveLength(2);
    });

    it('replays the same idempotency key as the same event, not a new one', async () => {
      const input = { ...maria, dueDate: '2025-03-10', items: [hbo], idempotencyKey: 'tv-invoice:2025-03-10:5001' };
      const first = await fx.billing.createTvBillingEvent(input);
      const replay = await fx.billing.createTvBillingEvent(input);
      expect(first.created).toBe(true);
      expect(replay).toEqual({ created: false, event: first.event });
      expect(first.event.idempotencyKey).toBe('tv-invoice:2025-03-10:5001');
      const reused = await failure(fx.billing.createTvBillingEvent({ ...input, dueDate: '2025-04-10' }));
      expect(reused).toMatchObject({ reason: 'validation', message: expect.stringMatching(/Idempotency-Key/) });
    });

    it('only bills active extra packages of the plan, naming the item', async () => {
      const err = await failure(fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-03-10', items: [{ packageId: 'PKG-TELECINE', price: 4290 }] }));
      expect(err).toMatchObject({ reason: 'validation', message: expect.stringMatching(/items\.0\.packageId/) });
      expect(await failure(fx.billing.createTvBillingEvent({ customerId: '1001', contractedPlanId: '9999', dueDate: '2025-03-10', items: [hbo] }))).toMatchObject({ reason: 'not_found' });
      expect(await failure(fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-02-30', items: [hbo] }))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/dueDate/) });
    });

    it('lists events by due date, customer and status with paging', async () => {
      fx.sim.generate(30);
      let cursor: string | undefined;
      do {
        const page = await fx.billing.listChargedExtras({ cursor, limit: 100 });
        for (const row of page.items) await fx.billing.createTvBillingEvent({ customerId: row.customerId, contractedPlanId: row.contractedPlanId, dueDate: '2025-03-10', items: row.extras });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-04-10', items: [hbo] });

      const march: string[] = [];
      cursor = undefined;
      do {
        const page = await fx.billing.listTvBillingEvents({ dueDate: '2025-03-10', cursor, limit: 7 });
        march.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(march).toHaveLength(31);
      expect(new Set(march).size).toBe(31);

      const mariaEvents = await fx.billing.listTvBillingEvents({ customerId: '1001' });
      expect(mariaEvents.items.map((e) => e.dueDate)).toEqual(['2025-03-10', '2025-04-10']);
      await expect(fx.billing.listTvBillingEvents({ customerId: '1001', dueDate: '2025-04-10' })).resolves.toMatchObject({ items: [{ dueDate: '2025-04-10' }], nextCursor: null });
      await expect(fx.billing.listTvBillingEvents({ status: 'processed' })).resolves.toEqual({ items: [], nextCursor: null });
    });
  });

  describe('standard billing run', () => {
    it('turns pending events due up to the date into processed and posts them to the statement', async () => {
      const march = await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-03-10', items: [hbo] });
      const april = await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-04-10', items: [{ ...hbo, price: 2990 }] });
      await expect(fx.billing.getStatement('1001')).resolves.toEqual({ customerId: '1001', entries: [], total: 0 });

      await expect(fx.billing.runStandardBilling({ upTo: '2025-03-31' })).resolves.toEqual({ upTo: '2025-03-31', processed: 1, total: 3490 });
      await expect(fx.billing.getTvBillingEvent(march.event.id)).resolves.toMatchObject({ status: 'processed', processedAt: expect.any(String) });
      await expect(fx.billing.getTvBillingEvent(april.event.id)).resolves.toMatchObject({ status: 'pending' });
      const statement = await fx.billing.getStatement('1001');
      expect(statement.total).toBe(3490);
      expect(statement.entries).toEqual([expect.objectContaining({ date: '2025-03-10', amount: 3490, billingEventId: march.event.id, description: expect.stringContaining('HBO') })]);

      // Running again posts nothing twice.
      await expect(fx.billing.runStandardBilling({ upTo: '2025-03-31' })).resolves.toMatchObject({ processed: 0, total: 0 });
      await fx.billing.runStandardBilling({ upTo: '2025-12-31' });
      await expect(fx.billing.getStatement('1001')).resolves.toMatchObject({ total: 3490 + 2990 });
      await expect(fx.billing.listTvBillingEvents({ status: 'pending' })).resolves.toMatchObject({ items: [] });
    });

    it('does not recreate an event that was already processed', async () => {
      const first = await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-03-10', items: [hbo] });
      fx.sim.runStandardBilling('2025-03-10');
      const again = await fx.billing.createTvBillingEvent({ ...maria, dueDate: '2025-03-10', items: [hbo] });
      expect(again).toMatchObject({ created: false, event: { id: first.event.id, status: 'processed' } });
      await expect(fx.billing.getStatement('1001')).resolves.toMatchObject({ total: 3490 });
    });
  });
});
