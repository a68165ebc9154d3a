import { createIntercomSimulator } from './intercom';
import { createIspIntegratorSimulator } from './isp-integrator/server';
import { createLanbillingSimulator } from './lanbilling';
import { demoIntercom, demoLanbilling, licenseCatalog, tvCatalogFromBilling } from './demo-seed';
import { createFastViewerSimulator } from './fastviewer';
import { createLicenseCentralSimulator } from './license-central';
import { demoFastViewer, demoMeetingLanbilling, meetingProfiles } from './meeting-demo';
import { createVideoResellSimulator } from './video-resell';
import { createTvSimulator } from './tv';
import { simulatedTvPlatforms } from './tv/demo-platforms';
import { Simulator, startAdminServer } from './kit/simulator';

export interface SimulatorPorts {
  admin: number;
  lanbilling: number;
  intercom: number;
  ispIntegrator: number;
  tv: number;
  licenseCentral: number;
  /** Absent: any free port. */
  fastviewer?: number;
  videoResell?: number;
}

export interface RunningSimulators {
  simulators: Simulator[];
  adminUrl: string;
  urls: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts every simulator on its port (0 = any free port) with one admin server for all. */
export async function startSimulators(options: { ports: SimulatorPorts; seedDemo: boolean }): Promise<RunningSimulators> {
  const lanbilling = createLanbillingSimulator();
  const intercom = createIntercomSimulator();
  const ispIntegrator = createIspIntegratorSimulator();
  const licenseCentral = createLicenseCentralSimulator();
  // One simulator per TV connector in the registry, on the ports config/defaults.ts gives them.
  const tvPlatforms = simulatedTvPlatforms();
  const tv = tvPlatforms.map((p) => createTvSimulator({ flavour: p.flavour, name: p.kind }));
  const started: Simulator[] = [];
  const urls: Record<string, string> = {};
  const fastviewer = createFastViewerSimulator();
  const videoResell = createVideoResellSimulator();
  const plan: [Simulator, number][] = [
    [lanbilling, options.ports.lanbilling],
    [intercom, options.ports.intercom],
    [ispIntegrator, options.ports.ispIntegrator],
    [licenseCentral, options.ports.licenseCentral],
    [fastviewer, options.ports.fastviewer ?? 0],
    [videoResell, options.ports.videoResell ?? 0],
  ];
  tv.forEach((sim, i) => plan.push([sim, options.ports.tv === 0 ? 0 : options.ports.tv + tvPlatforms[i].portOffset]));
  for (const [sim, port] of plan) {
    urls[sim.name] = await sim.start(port);
    started.push(sim);
  }
  for (const sim of tv) sim.seed(tvCatalogFromBilling());
  // License Central must know the items billing's tariffs sell before anything is ordered.
  licenseCentral.seed(licenseCatalog);
  // The profiles on the parent license are the reseller's set-up, which the meeting plans name.
  fastviewer.seed({ profiles: meetingProfiles });
  if (options.seedDemo) {
    lanbilling.seed(demoLanbilling);
    lanbilling.seed(demoMeetingLanbilling);
    intercom.seed(demoIntercom);
    fastviewer.seed(demoFastViewer());
  }
  const admin = await startAdminServer(started, options.ports.admin);
  return {
    simulators: started,
    adminUrl: admin.url,
    urls,
    async stop() {
      await admin.app.close();
      for (const s of started) await s.stop();
    },
  };
}

if (require.main === module) {
  const base = Number(process.argv[2] ?? 4000);
  startSimulators({ ports: { admin: base, lanbilling: base + 10, intercom: base + 20, ispIntegrator: base + 30, tv: base + 40, licenseCentral: base + 50, fastviewer: base + 70, videoResell: base + 80 }, seedDemo: process.env.SEED_DEMO !== 'false' })
    .then((r) => {
      console.log(`simulator admin: ${r.adminUrl}/simulators`);
      for (const [name, url] of Object.entries(r.urls)) console.log(`${name}: ${url}`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
