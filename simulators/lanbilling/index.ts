import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as soap from 'soap';
import { FaultController } from '../kit/faults';
import { ServiceListener } from '../kit/listener';
import { Simulator, startAdminServer } from '../kit/simulator';
import { ENVELOPE_PREFIX } from './lb-fault';
import { applySeed } from './seed';
import { Manager, SessionStore } from './sessions';
import { createApi3Service } from './soap-service';
import { LanbillingStore } from './store';
import { createRequestHandler } from './transport';

export { BLOCK, DEFAULT_ADDON_FIELDS } from './store';
export type { Account, Agreement, Payment, UsboxService, Vgroup } from './store';
export { lanbillingSeedSchema } from './seed';
export type { LanbillingSeed } from './seed';
export type { Manager } from './sessions';

/** The simulator's own manager account, used when none is configured. Not a real credential. */
export const DEFAULT_LANBILLING_MANAGER: Manager = { login: 'subsync', pass: 'lanbilling-sim' };

export interface LanbillingSimulatorOptions {
  /** Managers allowed to Login. */
  managers?: Manager[];
  /** A session unused for longer than this expires (default 30 minutes). */
  sessionIdleMs?: number;
  /** Clock for dates, `changed` and session expiry (tests may move it). */
  now?: () => number;
}

export interface LanbillingSimulator extends Simulator {
  readonly store: LanbillingStore;
  readonly sessions: SessionStore;
  /** Where the WSDL is served (valid after start). */
  readonly wsdlUrl: string;
  /** Drops every manager session, so the next call of any client gets "Session expired or not authorized". */
  expireSessions(): void;
  state(): ReturnType<LanbillingStore['snapshot']> & { sessions: number; logins: number };
}

const WSDL_TEMPLATE = readFileSync(path.join(__dirname, 'api3.wsdl'), 'utf8');

/**
 * A simulated LANBilling billing core speaking api3 (SOAP 1.1, document/literal, urn:api3)
 * through node-soap, with manager sessions, fault injection and state inspection.
 */
export function createLanbillingSimulator(options: LanbillingSimulatorOptions = {}): LanbillingSimulator {
  const now = options.now ?? Date.now;
  const faults = new FaultController();
  const store = new LanbillingStore(now);
  const sessions = new SessionStore(options.managers ?? [DEFAULT_LANBILLING_MANAGER], options.sessionIdleMs ?? 30 * 60_000, now);
  const soapHost = http.createServer();
  const soapReady = new Promise<void>((resolve, reject) => {
    soap.listen(soapHost, {
      path: '/',
      services: createApi3Service(store, sessions),
      xml: WSDL_TEMPLATE,
      envelopeKey: ENVELOPE_PREFIX,
      suppressStack: true,
      callback: (err: unknown) => (err ? reject(err) : resolve()),
    });
  });
  const expireSessions = () => sessions.expireAll();
  const handler = createRequestHandler({
    faults,
    soapHost,
    wsdl: (location) => WSDL_TEMPLATE.replace(/(<SOAP:address location=")[^"]*(")/, `$1${location}$2`),
    admin: (req, res) => {
      if (req.method === 'POST' && req.url === '/_admin/expire-sessions') {
        expireSessions();
        res.statusCode = 204;
      } else {
        res.statusCode = 404;
      }
      res.end();
    },
  });
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(err instanceof Error ? err.message : String(err));
    });
  });
  const listener = new ServiceListener(server);
  listener.bindFaults(faults);

  return {
    name: 'lanbilling',
    faults,
    store,
    sessions,
    get url() {
      return `${listener.url}/`;
    },
    get wsdlUrl() {
      return `${listener.url}/?wsdl`;
    },
    async start(port = 0) {
      await soapReady;
      await listener.listen(port);
      return `${listener.url}/`;
    },
    async stop() {
      await listener.close();
    },
    expireSessions,
    state: () => ({ ...store.snapshot(), sessions: sessions.size, logins: sessions.logins }),
    reset() {
      store.reset();
      sessions.expireAll();
      sessions.logins = 0;
    },
    seed: (data) => applySeed(store, data),
  };
}

if (require.main === module) {
  const port = Number(process.argv[2] ?? process.env.LANBILLING_SIM_PORT ?? 34012);
  const adminPort = Number(process.argv[3] ?? process.env.LANBILLING_SIM_ADMIN_PORT ?? 0);
  const login = process.env.LANBILLING_SIM_LOGIN;
  const pass = process.env.LANBILLING_SIM_PASSWORD;
  const sim = createLanbillingSimulator({ managers: login && pass ? [{ login, pass }] : undefined });
  void (async () => {
    const seedFile = process.env.LANBILLING_SIM_SEED;
    if (seedFile) sim.seed(JSON.parse(readFileSync(seedFile, 'utf8')));
    const url = await sim.start(port);
    const admin = await startAdminServer([sim], adminPort);
    console.log(`lanbilling simulator: ${url} (WSDL ${sim.wsdlUrl}; admin: ${admin.url}/simulators/lanbilling; expire sessions: POST ${url}_admin/expire-sessions)`);
  })();
}
