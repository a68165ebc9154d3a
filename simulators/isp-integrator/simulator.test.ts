import axios from 'axios';
import { startAdminServer } from '../kit/simulator';
import { generateCustomers } from './generate';
import { loadSeed } from './load-seed';
import { createIspIntegratorSimulator } from './server';
import { listChargedExtras } from './tv-billing';

describe('ISP-Integrator simulator', () => {
  it('generates 100,000 customers and serves a deep charged-extras page from its index, reading only that page', () => {
    const data = loadSeed({ plans: [{ id: 'TV', name: 'TV', releasedPackageId: 'B', tvPlatform: 'ion' }], packages: [{ id: 'B', name: 'Básico' }, { id: 'X', name: 'Extra', extra: true, price: 990 }] });
    expect(generateCustomers(data, 100_000, { chargedRatio: 0.5 })).toMatchObject({ created: 100_000 });
    expect(data.chargedExtras.size).toBe(50_000);

    let page = listChargedExtras(data, { limit: 10 });
    const seen = new Set(page.items.map((i) => i.contractedPlanId));
    for (let i = 0; i < 4000; i++) {
      page = listChargedExtras(data, { cursor: page.nextCursor!, limit: 10 });
      for (const item of page.items) seen.add(item.contractedPlanId);
    }
    // Every page new plans, none twice.
    expect(seen.size).toBe(40_010);
    // Counted, not timed: a page deep in the listing looks up exactly its own plans (a scan would read tens of thousands).
    const lookup = data.contractedPlanBySeq.get.bind(data.contractedPlanBySeq);
    let looked = 0;
    data.contractedPlanBySeq.get = (seq) => {
      looked += 1;
      return lookup(seq);
    };
    page = listChargedExtras(data, { cursor: page.nextCursor!, limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(looked).toBe(10);
  });

  it('refuses an inconsistent seed with the path of the bad entry and keeps its data', () => {
    const sim = createIspIntegratorSimulator();
    expect(() => sim.seed({ customers: [{ id: '1', name: 'A', plans: [{ planId: 'TV-BEENIUS' }] }] })).toThrow(/customers\.0: planId/);
    expect(() => sim.seed({ plans: [{ id: 'P', name: 'P', releasedPackageId: 'MISSING' }] })).toThrow(/plans\.0\.releasedPackageId/);
    expect((sim.state().customers as unknown[]).length).toBe(3);
  });

  it('runs alone with its admin server: seed, generate, state and reset', async () => {
    const sim = createIspIntegratorSimulator({ token: 't' });
    const url = await sim.start(0);
    const admin = await startAdminServer([sim]);
    try {
      const auth = { headers: { authorization: 'Bearer t' } };
      await axios.post(`${admin.url}/simulators/isp-integrator/seed`, {
        plans: [{ id: 'TV', name: 'TV', releasedPackageId: 'B', tvPlatform: 'mcr' }],
        packages: [{ id: 'B', name: 'Básico' }, { id: 'X', name: 'Extra', extra: true, price: 500 }],
        customers: [{ id: '7', name: 'Sete', plans: [{ id: '70', planId: 'TV', radiusLogin: 'sete', extraPackages: [{ packageId: 'X' }] }] }],
      });
      await expect(axios.get(`${url}/tv/charged-extras`, auth)).resolves.toMatchObject({ data: { items: [{ customerId: '7', total: 500, tvPlatform: 'mcr' }] } });
      await expect(axios.post(`${url}/_admin/generate`, { count: 5 })).resolves.toMatchObject({ data: { created: 5 } });
      expect((await axios.get(`${admin.url}/simulators/isp-integrator/state`)).data.customers).toHaveLength(6);
      await expect(axios.post(`${admin.url}/simulators/isp-integrator/seed`, { plans: 'none' })).rejects.toMatchObject({ response: { status: 400, data: { message: expect.stringMatching(/seed plans/) } } });
      await axios.post(`${admin.url}/simulators/isp-integrator/reset`, {});
      expect((await axios.get(`${url}/customers`, auth)).data.items.map((c: { id: string }) => c.id)).toEqual(['1001', '1002', '1003']);
      await expect(axios.get(`${url}/customers`)).rejects.toMatchObject({ response: { status: 401 } });
    } finally {
      await admin.app.close();
      await sim.stop();
    }
  });
});
