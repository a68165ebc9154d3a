import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './load';

describe('loadConfig', () => {
  it('runs on the embedded defaults', () => {
    const cfg = loadConfig({ env: {} });
    expect(cfg.temporal.address).toBeUndefined();
    expect(cfg.billing.lanbilling.kind).toBe('lanbilling');
    const intercom = cfg.services.intercom;
    expect(intercom.kind).toBe('access');
    expect(intercom.charge?.period).toEqual({ unit: 'month' });
  });

  it("gives a deployment (simulators off) none of the demo's connectors, services, watchers or schedules", () => {
    const bare = loadConfig({ env: { SUBSYNC_SIMULATORS: 'false' } });
    expect(bare.simulators.enabled).toBe(false);
    expect({ billing: bare.billing, platforms: bare.platforms, services: bare.services, watch: bare.watch, usage: bare.usageBilling.services }).toEqual({ billing: {}, platforms: {}, services: {}, watch: {}, usage: {} });
    expect(bare.notifications.enabled).toBe(false);
    expect(bare.api.auth.demoCredential).toBe(false);
    // What it names is all it has; the settings that are not the demo's keep their defaults.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-config-'));
    const file = path.join(dir, 'subsync.config.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        simulators: { enabled: false },
        billing: { lanbilling: { kind: 'lanbilling', url: 'https://billing.example/', login: 'subsync', password: 'secret', serviceCategories: { intercom: { catidx: 1 } } } },
        platforms: { intercom: { kind: 'intercom', url: 'https://intercom.example', token: 'token' } },
        services: { intercom: { kind: 'access', platform: 'intercom', billing: ['lanbilling'], capabilities: { active: ['door_key'], blocked: [], inactive: [] } } },
      }),
    );
    const own = loadConfig({ env: {}, file });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(Object.keys(own.billing)).toEqual(['lanbilling']);
    expect(Object.keys(own.platforms)).toEqual(['intercom']);
    expect(Object.keys(own.services)).toEqual(['intercom']);
    expect(own.policies.activityTimeoutMs).toBe(30_000);
    expect(own.invoicing.dayOfMonth).toBe(1);
  });

  it('takes Temporal, store and API settings from the environment', () => {
    const cfg = loadConfig({ env: { TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_NAMESPACE: 'isp', DATABASE_URL: 'postgres://u:p@db/subsync', SUBSYNC_API_PORT: '8080' } });
    expect(cfg.temporal).toMatchObject({ address: 'temporal.example:7233', namespace: 'isp' });
    expect(cfg.store.url).toBe('postgres://u:p@db/subsync');
    expect(cfg.api.port).toBe(8080);
  });

  it('names the wrong field inside a connector block and in cross references', () => {
    const run = () => loadConfig({ env: {}, overrides: { billing: { lanbilling: { url: 'not a url' } }, services: { intercom: { platform: 'nope' } } } });
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toMatch(/billing\.lanbilling\.url/);
      expect(msg).toMatch(/services\.intercom\.platform: no platform named "nope"/);
    }
  });

  it('checks the meeting, video rooms and usage billing blocks by their kinds, naming each wrong field', () => {
    const run = () =>
      loadConfig({
        env: {},
        overrides: {
          services: { meeting: { plans: { '11': { lines: 0 } } }, 'video-rooms': { platform: 'fastviewer' } },
          usageBilling: { services: { intercom: { pricePerMinute: 1, parents: { '1': { billing: 'lanbilling', account: '9' } } }, meeting: { pricePerMinute: 0.5, parents: { '100001': { billing: 'nope', account: '9' } } } } },
        },
      });
    expect(run).toThrow(ConfigError);
    const msg = (() => {
      try {
        run();
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(msg).toMatch(/services\.meeting\.plans\.11\.lines: Too small/);
    expect(msg).toMatch(/services\.video-rooms\.platform: "fastviewer" is a meeting license platform; a video-rooms service needs a video rooms platform/);
    expect(msg).toMatch(/usageBilling\.services\.intercom: service "intercom" is of kind "access", which meters no use/);
    expect(msg).toMatch(/usageBilling\.services\.meeting\.parents\.100001\.billing: no billing system named "nope"/);
  });

  it('takes the invoicing concurrency and pages per activity, and names them when out of range', () => {
    expect(loadConfig({ env: {}, overrides: { invoicing: { concurrency: 8, pagesPerActivity: 4 } } }).invoicing).toMatchObject({ concurrency: 8, pagesPerActivity: 4 });
    expect(() => loadConfig({ env: {}, overrides: { invoicing: { pagesPerActivity: 0 } } })).toThrow(/invoicing\.pagesPerActivity: Too small/);
    expect(() => loadConfig({ env: {}, overrides: { invoicing: { concurrency: 1.5 } } })).toThrow(/invoicing\.concurrency: Invalid input: expected int/);
  });

  it('rejects an unknown connector kind and a non-numeric port', () => {
    expect(() => loadConfig({ env: {}, overrides: { platforms: { tv: { kind: 'teletext', url: 'http://x' } } } })).toThrow(/platforms\.tv\.kind: unknown platform kind "teletext"/);
    expect(() => loadConfig({ env: { SUBSYNC_API_PORT: 'eighty' } })).toThrow(/SUBSYNC_API_PORT: expected a number/);
  });

  it('reads a config file and reports invalid JSON with the file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-cfg-'));
    const good = path.join(dir, 'good.json');
    fs.writeFileSync(good, JSON.stringify({ watch: { lanbilling: { intervalSeconds: 5 } } }));
    expect(loadConfig({ env: {}, file: good }).watch.lanbilling.intervalSeconds).toBe(5);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{ nope');
    expect(() => loadConfig({ env: {}, file: bad })).toThrow(/bad\.json[\s\S]*not valid JSON/);
  });
});
