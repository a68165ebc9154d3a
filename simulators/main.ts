import { createIntercomSimulator } from './intercom';
import { createIspIntegratorSimulator } from './isp-integrator/server';
import { createLanbillingSimulator } from './lanbilling';
import { demoIntercom, demoLanbilling, demoLicenseCentral, licenseCatalog, tvCatalogFromBilling } from './demo-seed';
import { createFastViewerSimulator } from './fastviewer';
import { createInformaticsSapSimulator } from './informatics-sap';
import { createLicenseCentralSimulator } from './license-central';
import { createMailSink } from './mail';
import { demoFastViewer, demoMeetingLanbilling, meetingProfiles } from './meeting-demo';
import { createVideoResellSimulator } from './video-resell';
import { createWebhookReceiver } from './webhook-receiver';
import { createTvSimulator } from './tv';
import { simulatedTvPlatforms } from './tv/demo-platforms';
import { Simulator, startAdminServer } from './kit/simulator';

export interface SimulatorPorts {
  admin: number;
  lanbilling: number;
  intercom: number;
  ispIntegrator: number;
  tv: number;
  /** NotificationDispatcher's source and targets, and the meeting platforms (absent: any free port). */
  licenseCentral?: number;
  informaticsSap?: number;
  webhookReceiver?: number;
  smtp?: number;
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
  // One simulator per TV connector in the registry, on the ports config/defaults.ts gives them.
  const tvPlatforms = simulatedTvPlatforms();
  const tv = tvPlatforms.map((p) => createTvSimulator({ flavour: p.flavour, name: p.kind }));
  const licenseCentral = createLicenseCentralSimulator();
  const informaticsSap = createInformaticsSapSimulator();
  const webhookReceiver = createWebhookReceiver();
  const mail = createMailSink();
  const started: Simulator[] = [];
  const urls: Record<string, string> = {};
  const fastviewer = createFastViewerSimulator();
  const videoResell = createVideoResellSimulator();
  const plan: [Simulator, number][] = [
    [lanbilling, options.ports.lanbilling],
    [intercom, options.ports.intercom],
    [ispIntegrator, options.ports.ispIntegrator],
    [fastviewer, options.ports.fastviewer ?? 0],
    [videoResell, options.ports.videoResell ?? 0],
  ];
  tv.forEach((sim, i) => plan.push([sim, options.ports.tv === 0 ? 0 : options.ports.tv + tvPlatforms[i].portOffset]));
  plan.push([licenseCentral, options.ports.licenseCentral ?? 0], [informaticsSap, options.ports.informaticsSap ?? 0], [webhookReceiver, options.ports.webhookReceiver ?? 0], [mail, options.ports.smtp ?? 0]);
  // A port given twice (a tenth TV platform lands on tv + 10, License Central's by default) is named here, not as EADDRINUSE.
  const taken = new Map<number, string>([[options.ports.admin, 'the admin server']]);
  for (const [sim, port] of plan) {
    if (port !== 0 && taken.has(port)) throw new Error(`simulator ports: ${sim.name} and ${taken.get(port)} both want port ${port}; move one (simulators.ports in the config: tv is the base of the TV platforms' range, tv + 1 ...)`);
    taken.set(port, sim.name);
  }
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
    licenseCentral.seed(demoLicenseCentral);
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
  // `npm run simulators [base]`: admin on base, each simulator at its offset; base 0 puts every one on a free port.
  const base = Number(process.argv[2] ?? 4000);
  const at = (offset: number) => (base === 0 ? 0 : base + offset);
  startSimulators({
    ports: { admin: base, lanbilling: at(10), intercom: at(20), ispIntegrator: at(30), tv: at(40), licenseCentral: at(50), informaticsSap: at(60), webhookReceiver: at(70), fastviewer: at(80), videoResell: at(90), smtp: at(25) },
    seedDemo: process.env.SEED_DEMO !== 'false',
  })
    .then((r) => {
      console.log(`simulator admin: ${r.adminUrl}/simulators`);
      for (const [name, url] of Object.entries(r.urls)) console.log(`${name}: ${url}`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
