import { tvPlatformDefaults as simulatedTvDefaults } from '../simulators/tv/demo-platforms';
import { MEETING_CATEGORY, MEETING_PARENT_LICENSE, meetingPlans, PARENT_HOLDER, VIDEO_ROOMS_CATEGORY, videoRoomsPlans } from '../simulators/meeting-demo';
import { DEMO_WEBHOOK_SECRET } from '../simulators/webhook-receiver/demo-secret';

/**
 * The embedded defaults `npm start` runs on: a local Temporal dev server, a SQLite store and
 * the simulators on fixed local ports, seeded with demo subscribers. Every value can be
 * overridden by a config file or the environment (see config/load.ts).
 */
export const simulatorPorts = { admin: 4000, lanbilling: 4010, intercom: 4020, ispIntegrator: 4030, tv: 4040, licenseCentral: 4050, informaticsSap: 4060, webhookReceiver: 4070, fastviewer: 4080, videoResell: 4090, smtp: 4025 } as const;

/**
 * The demo's software licenses: LANBilling periodic services of category 5, whose tariff picks
 * the CodeMeter items ordered in License Central (tariff 21 "Office", 22 "Office + antivirus").
 */
export const demoLicenses = {
  catidx: 5,
  tariffs: { office: 21, officeSecurity: 22 },
  firmCode: 6000010,
  products: { office: 301, antivirus: 302 },
  /** The vgroup addon the ticket number is written to. */
  ticketField: 'license_ticket',
} as const;
const { firmCode, products } = demoLicenses;

/** One per TV connector in the registry, each on its own simulator port (tv + 1, tv + 2, ...) with the simulator's development credentials. */
export const tvPlatformDefaults = () => simulatedTvDefaults(simulatorPorts.tv);

export const defaultConfig = {
  temporal: {
    namespace: 'default',
    taskQueue: 'subsync',
    devServer: { port: 7233, uiPort: 8233, dbFile: '.data/temporal.db' },
  },
  store: { url: 'sqlite:.data/subsync.db' },
  // npm start gets an admin credential "demo", its key printed and kept in .data/demo-api-key.
  api: { port: 3000, host: '127.0.0.1', auth: { demoCredential: true } },
  log: { level: 'info' },
  simulators: { enabled: true, seedDemo: true, ports: simulatorPorts },
  billing: {
    lanbilling: {
      kind: 'lanbilling',
      url: `http://127.0.0.1:${simulatorPorts.lanbilling}/`,
      login: 'subsync',
      password: 'lanbilling-sim',
      // Tariff categories: the monthly intercom fee, software licenses, a meeting license, video rooms (the tariff is the plan).
      serviceCategories: { intercom: { catidx: 1 }, 'software-license': { catidx: demoLicenses.catidx }, meeting: { catidx: MEETING_CATEGORY }, 'video-rooms': { catidx: VIDEO_ROOMS_CATEGORY } },
    },
    'isp-integrator': { kind: 'isp-integrator', url: `http://127.0.0.1:${simulatorPorts.ispIntegrator}`, token: 'isp-integrator-token' },
  },
  // Read when the config is loaded, so a platform registered at run time (a plug-in, a test's fixture) is in it.
  get platforms() {
    return {
      intercom: { kind: 'intercom', url: `http://127.0.0.1:${simulatorPorts.intercom}`, token: 'intercom-sim-token' },
      ...tvPlatformDefaults(),
      'license-central': { kind: 'license-central', url: `http://127.0.0.1:${simulatorPorts.licenseCentral}/cmlc`, credentials: { user: 'subsync', password: 'cmlc-sim' } },
      fastviewer: { kind: 'fastviewer', url: `http://127.0.0.1:${simulatorPorts.fastviewer}`, user: 'subsync', key: 'fastviewer-sim-key', parentLicense: MEETING_PARENT_LICENSE },
      'video-resell': { kind: 'video-resell', url: `http://127.0.0.1:${simulatorPorts.videoResell}`, clientId: 'subsync', clientSecret: 'video-resell-sim-secret' },
      'informatics-sap': {
        kind: 'informatics-sap',
        url: `http://127.0.0.1:${simulatorPorts.informaticsSap}/sap/license-notification`,
        credentials: { user: 'notification-dispatcher', password: 'sap-sim' },
      },
    };
  },
  services: {
    intercom: {
      kind: 'access',
      platform: 'intercom',
      billing: ['lanbilling'],
      capabilities: {
        active: ['door_key', 'handset_call', 'video_archive', 'app_open'],
        blocked: ['door_key'],
        inactive: [],
      },
      charge: { amount: 150, period: 'month', comment: 'Intercom service' },
    },
    // TV goes to whichever platform ISP-Integrator's plan names; codes map to the platform entries above.
    tv: { kind: 'tv', billing: ['isp-integrator'] },
    // Software licenses on License Central: the LANBilling tariff of the periodic service picks the items.
    'software-license': {
      kind: 'license',
      platform: 'license-central',
      billing: ['lanbilling'],
      itemsByPlan: {
        [demoLicenses.tariffs.office]: [{ firmCode, productCode: products.office, quantity: 1 }],
        [demoLicenses.tariffs.officeSecurity]: [
          { firmCode, productCode: products.office, quantity: 1 },
          { firmCode, productCode: products.antivirus, quantity: 1 },
        ],
      },
      onBlock: 'suspend',
      onDisable: 'withdraw',
      ticketField: demoLicenses.ticketField,
    },
    // A FastViewer child license per account, its profile and lines from the LANBilling tariff.
    meeting: { kind: 'meeting', platform: 'fastviewer', billing: ['lanbilling'], plans: meetingPlans },
    // Video rooms on the resell platform: the customer, an account on the tariff's package, its rooms.
    'video-rooms': { kind: 'video-rooms', platform: 'video-resell', billing: ['lanbilling'], plans: videoRoomsPlans, customer: { country: 'RU', currency: 'RUB', language: 'ru' } },
  },
  watch: { lanbilling: { enabled: true, intervalSeconds: 30 }, 'isp-integrator': { enabled: true, intervalSeconds: 30 } },
  invoicing: {
    billing: 'isp-integrator',
    dayOfMonth: 1,
    hour: 6,
    minute: 0,
    timezone: 'America/Sao_Paulo',
    dueDayOfMonth: 10,
    pageSize: 500,
    paused: false,
    trackEverySeconds: 3600,
    trackForHours: 480,
  },
  // Session seconds of every FastViewer child license, charged at month end to the holder of the parent license.
  usageBilling: {
    services: {
      meeting: {
        pricePerMinute: 0.5,
        comment: 'FastViewer, license',
        parents: { [MEETING_PARENT_LICENSE]: { billing: 'lanbilling', account: String(PARENT_HOLDER.vgid), agreement: String(PARENT_HOLDER.agrmid) } },
      },
    },
    dayOfMonth: 1,
    hour: 2,
    minute: 0,
    timezone: 'UTC',
    pageSize: 1000,
    concurrency: 16,
    paused: false,
  },
  // NotificationDispatcher on the demo: License Central's feeds to the demo webhook receiver and the INFORMATICS SAP module, a daily report to the mail sink.
  notifications: {
    enabled: true,
    source: 'license-central',
    intervalSeconds: 15,
    modules: { orders: { enabled: true }, licenses: { enabled: true }, activations: { enabled: true, detail: 'all' } },
    endpoints: {
      'demo-webhook': { type: 'webhook', url: `http://127.0.0.1:${simulatorPorts.webhookReceiver}/webhooks/demo`, secrets: [DEMO_WEBHOOK_SECRET] },
      'informatics-sap': { type: 'connector', platform: 'informatics-sap' },
    },
    report: { enabled: true, period: 'day', hour: 7, minute: 0, timezone: 'Europe/Vienna', from: 'NotificationDispatcher <subsync@localhost>', recipients: ['licensing@example.com'] },
    smtp: { host: '127.0.0.1', port: simulatorPorts.smtp },
    alertRecipients: ['operators@example.com'],
  },
  policies: {
    retry: { initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 60_000 },
    activityTimeoutMs: 30_000,
    continueAsNewAfterEvents: 2000,
  },
};
