import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { FaultController } from '../kit/faults';
import { sendJson, serveFront } from '../kit/http-front';
import { runStandalone, Simulator } from '../kit/simulator';
import { createSoapRequestHandler, keepExchanges, listenSoap, SoapExchange } from '../kit/soap-transport';
import { CmLcFault, ENVELOPE_PREFIX } from './cmlc-fault';
import { LcFaultController, lcFaultSchema } from './lc-faults';
import { applySeed, CONTAINER_SERIAL_PATTERN } from './seed';
import { ApiUser, createCmLcService, iso, licenseOut, ticketOut } from './soap-service';
import { LicenseCentralStore } from './store';

export { CMLC_FAULT_CODES } from './cmlc-fault';
export type { CmLcFaultCode } from './cmlc-fault';
export { lcFaultSchema } from './lc-faults';
export type { LcFault, LcFaultInput } from './lc-faults';
export { licenseCentralSeedSchema } from './seed';
export type { LicenseCentralSeed } from './seed';
export type { ApiUser } from './soap-service';
export type { Change, ExpiryRule, Item, LicenseState, StoredLicense, StoredTicket } from './store';

/** The simulator's own API user, used when none is configured. Not a real credential. */
export const DEFAULT_LICENSE_CENTRAL_USER: ApiUser = { user: 'subsync', password: 'cmlc-sim' };

/** Where the API lives under the service port; the WSDL is at `${base}?wsdl`, the interfaces at `${base}/Admin|Sales|Depot`. */
export const CMLC_BASE_PATH = '/cmlc';

export const CMLC_WSDL_FILE = path.join(__dirname, 'cmlc-api.wsdl');
const WSDL_TEMPLATE = readFileSync(CMLC_WSDL_FILE, 'utf8');

export interface LicenseCentralSimulatorOptions {
  /** Users allowed in (HTTP Basic). */
  users?: ApiUser[];
  /** Clock for tickets, activations, expiry and change times (tests may move it). */
  now?: () => number;
  /** How many raw SOAP exchanges `exchanges` keeps (default 50). */
  keepExchanges?: number;
}

const portalRequest = z.object({
  ticket: z.string().min(1),
  containerSerial: z.string().regex(CONTAINER_SERIAL_PATTERN, 'expected mask-number, e.g. 130-1234567'),
  licenseNumbers: z.array(z.string().min(1)).default([]),
});
export type PortalRequest = z.input<typeof portalRequest>;

export interface LicenseCentralSimulator extends Simulator {
  readonly store: LicenseCentralStore;
  /** License Central's own failure modes (see lc-faults.ts), besides the kit's `faults`. */
  readonly lcFaults: LcFaultController;
  /** Where the WSDL is served (valid after start). */
  readonly wsdlUrl: string;
  /** The last raw SOAP exchanges, oldest first (contract tests hold them against the WSDL). */
  readonly exchanges: SoapExchange[];
  /**
   * The customer's side, as WebDepot would do it: collects licenses of a ticket into a container
   * (at the container's current Firm Update Counter) and confirms the receipt, or returns them.
   * Puts activation transactions into the change feed without a CodeMeter runtime.
   */
  readonly portal: {
    activate(request: PortalRequest): object[];
    returnLicenses(request: PortalRequest): object[];
    /** The container's automatic license update (carries out pending withdrawals); [] when nothing was pending. */
    updateContainer(containerSerial: string): object[];
  };
  state(): ReturnType<typeof snapshot>;
}

/**
 * A simulated CodeMeter License Central speaking our CmLC-API contract (cmlc-api.wsdl: SOAP 1.1,
 * document/literal, Admin/Sales/Depot) through node-soap, with fault injection, License Central's
 * own failure modes, a portal for the customer's side, and state inspection.
 */
export function createLicenseCentralSimulator(options: LicenseCentralSimulatorOptions = {}): LicenseCentralSimulator {
  const now = options.now ?? Date.now;
  const faults = new FaultController();
  const lcFaults = new LcFaultController();
  const store = new LicenseCentralStore(now);
  const users = options.users ?? [DEFAULT_LICENSE_CENTRAL_USER];
  const exchanges: SoapExchange[] = [];
  const { soapHost, ready: soapReady } = listenSoap({
    path: new RegExp(`^${CMLC_BASE_PATH}/(Admin|Sales|Depot)/?$`),
    services: createCmLcService(store, lcFaults, users, now),
    xml: WSDL_TEMPLATE,
    envelopeKey: ENVELOPE_PREFIX,
    suppressStack: true,
  });

  const portal = {
    activate(request: PortalRequest) {
      const req = portalRequest.parse(request);
      const container = store.containers.get(req.containerSerial);
      const update = store.activate({ ticket: req.ticket, containerSerial: req.containerSerial, firmUpdateCounter: container?.firmUpdateCounter ?? 0, licenseNumbers: req.licenseNumbers });
      return store.confirmReceipt({ containerSerial: update.containerSerial, updateId: update.updateId, firmUpdateCounter: update.counterAfter }).licenseNumbers.map((n) => licenseOut(store.licenses.get(n)!));
    },
    returnLicenses(request: PortalRequest) {
      const req = portalRequest.parse(request);
      const container = store.containers.get(req.containerSerial);
      const update = store.returnLicenses({ ticket: req.ticket, containerSerial: req.containerSerial, firmUpdateCounter: container?.firmUpdateCounter ?? 0, licenseNumbers: req.licenseNumbers });
      return store.confirmReceipt({ containerSerial: update.containerSerial, updateId: update.updateId, firmUpdateCounter: update.counterAfter }).licenseNumbers.map((n) => licenseOut(store.licenses.get(n)!));
    },
    updateContainer(containerSerial: string) {
      const container = store.containers.get(containerSerial);
      const update = container ? store.updateContainer(containerSerial, container.firmUpdateCounter) : undefined;
      if (!update) return [];
      return store.confirmReceipt({ containerSerial, updateId: update.updateId, firmUpdateCounter: update.counterAfter }).licenseNumbers.map((n) => licenseOut(store.licenses.get(n)!));
    },
  };

  const listener = serveFront(
    createSoapRequestHandler({
      faults,
      soapHost,
      envelopePrefix: ENVELOPE_PREFIX,
      wsdl: (origin) => WSDL_TEMPLATE.replace(/(<soap:address location=")http:\/\/localhost(\/cmlc\/)/g, `$1${origin}$2`),
      onExchange: keepExchanges(exchanges, options.keepExchanges ?? 50),
      admin: (req, res, body) => adminRoute(req.method ?? 'GET', req.url ?? '', body, { lcFaults, portal }, res),
    }),
    faults,
  );

  return {
    name: 'license-central',
    faults,
    lcFaults,
    store,
    exchanges,
    portal,
    get url() {
      return `${listener.url}${CMLC_BASE_PATH}`;
    },
    get wsdlUrl() {
      return `${listener.url}${CMLC_BASE_PATH}?wsdl`;
    },
    async start(port = 0) {
      await soapReady;
      await listener.listen(port);
      return `${listener.url}${CMLC_BASE_PATH}`;
    },
    async stop() {
      await listener.close();
    },
    state: () => snapshot(store, lcFaults),
    reset() {
      store.reset();
      lcFaults.clear();
      exchanges.length = 0;
    },
    seed: (data) => applySeed(store, data),
  };
}

function snapshot(store: LicenseCentralStore, lcFaults: LcFaultController) {
  return {
    items: [...store.items.values()],
    tickets: [...store.tickets.values()].map((t) => ticketOut(store, t) as { ticket: string; orderNumber: string; state: string; license: { licenseNumber: string; state: string }[] }),
    containers: [...store.containers.values()],
    pendingUpdates: [...store.updates.values()].filter((u) => u.confirmed === undefined),
    changes: store.changes.map((c) => ({ ...c, time: iso(c.time) })),
    lcFaults: lcFaults.list(),
  };
}

/** Operator routes on the service port: License Central's failure modes and the customer's portal. Not subject to faults. */
function adminRoute(
  method: string,
  url: string,
  body: Buffer,
  deps: { lcFaults: LcFaultController; portal: LicenseCentralSimulator['portal'] },
  res: http.ServerResponse,
): void {
  const reply = (status: number, payload?: unknown) => sendJson(res, status, payload);
  const json = (): unknown => (body.length === 0 ? {} : JSON.parse(body.toString('utf8')));
  const route = url.split('?')[0];
  try {
    if (route === '/_admin/faults' && method === 'GET') return reply(200, deps.lcFaults.list());
    if (route === '/_admin/faults' && method === 'POST') {
      const parsed = lcFaultSchema.safeParse(json());
      if (!parsed.success) return reply(400, { error: 'invalid fault', issues: parsed.error.issues });
      return reply(201, { id: deps.lcFaults.add(parsed.data) });
    }
    if (route === '/_admin/faults' && method === 'DELETE') {
      deps.lcFaults.clear();
      return reply(204);
    }
    if (method === 'POST' && route === '/_admin/portal/activate') return reply(200, deps.portal.activate(json() as PortalRequest));
    if (method === 'POST' && route === '/_admin/portal/return') return reply(200, deps.portal.returnLicenses(json() as PortalRequest));
    if (method === 'POST' && route === '/_admin/portal/update-container') {
      const { containerSerial } = z.object({ containerSerial: z.string().min(1) }).parse(json());
      return reply(200, deps.portal.updateContainer(containerSerial));
    }
    return reply(404, { error: `no admin route ${method} ${route}` });
  } catch (err) {
    if (err instanceof CmLcFault) return reply(409, { error: err.code, message: err.message });
    if (err instanceof z.ZodError) return reply(400, { error: 'invalid request', issues: err.issues });
    if (err instanceof SyntaxError) return reply(400, { error: `invalid JSON: ${err.message}` });
    return reply(500, { error: err instanceof Error ? err.message : String(err) });
  }
}

if (require.main === module) {
  const user = process.env.LICENSE_CENTRAL_SIM_USER;
  const password = process.env.LICENSE_CENTRAL_SIM_PASSWORD;
  const sim = createLicenseCentralSimulator({ users: user && password ? [{ user, password }] : undefined });
  runStandalone(sim, {
    env: 'LICENSE_CENTRAL_SIM',
    defaultPort: 4050,
    describe: (url, admin) => `license-central simulator: ${url} (WSDL ${sim.wsdlUrl}; admin: ${admin}; portal and License Central faults: ${url.replace(CMLC_BASE_PATH, '')}/_admin/)`,
  });
}
