import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { directCommands } from '../support/direct-commands';
import { benchLogger } from '../support/logger';
import { Resources } from '../support/resources';
import { benchConfig } from '../support/subsync';
import { benchTvPlatforms, BILLING, TV_LIFECYCLE, tvEvent } from './plan';
import { startTvSimulators } from './simulators';
import { verifyTvPlatforms } from './verify';

/**
 * The tv scenario's floor with the platform work, without Temporal: billing's process makes the
 * staff's change behind each command, directCommands the command's connector calls, and the
 * platforms end as the checks want; a second prepare starts again from billing's seed.
 */
describe("the tv scenario's billing process and its commands by direct connector calls", () => {
  const resources = new Resources();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-tv-direct-'));
  afterAll(async () => {
    await resources.releaseAll(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes one customer per platform through the TV lifecycle, then prepares the same customers again on a clean slate", async () => {
    const billing = await startTvSimulators(resources);
    const count = benchTvPlatforms().length;
    const prepared = await billing.prepare(count, 4);
    const config = benchConfig({
      // No workflow runs here: the config only names billing and the platforms for the connectors.
      temporalAddress: '127.0.0.1:7233',
      dir,
      overrides: { billing: { [BILLING]: { url: billing.ispUrl, token: billing.ispToken } }, platforms: billing.platforms, invoicing: { paused: true } },
    });
    const direct = directCommands({ config, logger: benchLogger(), billing: BILLING });
    for (const [index, s] of prepared.entries()) {
      for (const step of TV_LIFECYCLE.filter((x) => x.appliesTo(s))) {
        await billing.change(index, step.type);
        const account = await direct.apply(s.customerId, tvEvent(s, step, {}).id);
        expect(account.accountId).toBe(s.customerId);
      }
    }
    expect(verifyTvPlatforms(prepared, await billing.states())).toEqual([]);

    await expect(billing.change(count, 'block')).rejects.toThrow(/no prepared customer 7 \(7 prepared\)/);
    await expect(billing.change(0, 'nonsense' as 'block')).rejects.toThrow(/no TV command .*nonsense/);

    // The same RADIUS logins again: only possible once ISP-Integrator is back to its seed.
    const again = await billing.prepare(count, 4);
    expect(again.map((s) => s.login)).toEqual(prepared.map((s) => s.login));
    for (const state of Object.values(await billing.states())) expect(state).toEqual({ subscribers: [], events: [] });
  });
});
