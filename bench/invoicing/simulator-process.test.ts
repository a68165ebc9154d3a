import axios from 'axios';
import { readProcessMemory } from '../support/proc';
import { Resources } from '../support/resources';
import { catalogueOnly } from './plan';
import { startIspIntegratorProcess } from './simulator-process';

describe('startIspIntegratorProcess', () => {
  it('runs the simulator in its own process, seeds and generates over HTTP, and stops it with the resources', async () => {
    const resources = new Resources();
    try {
      const sim = await startIspIntegratorProcess(resources);
      expect(sim.pid).not.toBe(process.pid);
      await sim.seed(catalogueOnly);
      expect(await sim.generate(3)).toMatchObject({ created: 3 });
      const listing = await axios.get(`${sim.url}/tv/charged-extras`, { headers: { authorization: `Bearer ${sim.token}` } });
      expect(listing.data.items).toHaveLength(3);
      expect(readProcessMemory(sim.pid)?.rssKb).toBeGreaterThan(0);
      await resources.releaseAll(() => undefined);
      expect(readProcessMemory(sim.pid)).toBeUndefined();
    } finally {
      await resources.releaseAll(() => undefined);
    }
  });
});
