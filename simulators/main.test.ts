import { startSimulators } from './main';

describe('startSimulators', () => {
  it('names both simulators that want one port, before starting any', async () => {
    // The first TV platform sits at tv + 1: put License Central there.
    const started = startSimulators({ ports: { admin: 0, lanbilling: 0, intercom: 0, ispIntegrator: 0, tv: 48_000, licenseCentral: 48_001, informaticsSap: 0, webhookReceiver: 0, smtp: 0, fastviewer: 0, videoResell: 0 }, seedDemo: false });
    await expect(started).rejects.toThrow(/simulator ports: license-central and \S+ both want port 48001/);
  });
});
