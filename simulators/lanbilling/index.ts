import type * as soap from 'soap';
import { FaultController } from '../kit/faults';
import { sendJson, serveFront } from '../kit/http-front';
import { runStandalone, Simulator } from '../kit/simulator';
import { createSoapRequestHandler, listenSoap, SoapExchange } from '../kit/soap-transport';
import { ENVELOPE_PREFIX } from './lb-fault';
import { applySeed } from './seed';
import { Manager, SessionStore } from './sessions';
import { createApi3Service } from './soap-service';
import { GenerateOptions, LanbillingStore } from './store';
import { VENDOR_ENCODING_XML, VENDOR_WSDL, VENDOR_WSDL_FILE, VendorSchema } from './vendor-schema';
import { AnswerStyle, Wire } from './wire';

export { BLOCK, DEFAULT_ADDON_FIELDS, generatedAddress, generatedLogin } from './store';
export type { GenerateOptions, GenerateResult } from './store';
export type { Account, Address, Agreement, BlockRecord, Payment, UsboxService, Vgroup } from './store';
/** One SOAP exchange as recorded with `recordExchanges` (what the contract checks read). */
export type Exchange = Pick<SoapExchange, 'operation' | 'request' | 'status' | 'response'>;
export type { AnswerStyle } from './wire';
export { VENDOR_ENCODING_FILE, VENDOR_WSDL_FILE } from './vendor-schema';
export { INTERCOM, lanbillingSeedSchema } from './seed';
export type { LanbillingSeed } from './seed';
export type { Manager } from './sessions';

/** The simulator's own manager account, used when none is configured. Not a real credential. */
export const DEFAULT_LANBILLING_MANAGER: Manager = { login: 'subsync', pass: 'lanbilling-sim' };

export interface LanbillingSimulatorOptions {
  /** Managers allowed to Login. */
  managers?: Manager[];
  /** A session unused for longer than this expires (default 30 minutes). */
  sessionIdleMs?: number;
  /** Clock for dates and session expiry (tests may move it). */
  now?: () => number;
  /** `full` (default) writes every element of the vendor's types, as the gSOAP core does; `sparse` leaves out optional ones holding their default. */
  answers?: AnswerStyle;
  /** Keep every SOAP exchange (request and answer bodies) in `exchanges`, for contract tests. */
  recordExchanges?: boolean;
}

export interface LanbillingSimulator extends Simulator {
  readonly store: LanbillingStore;
  readonly sessions: SessionStore;
  /** Where the WSDL is served (valid after start). */
  readonly wsdlUrl: string;
  /** Drops every manager session, so the next call of any client gets "Session expired or not authorized". */
  expireSessions(): void;
  /** How answers are written; may be switched between tests. */
  answers: AnswerStyle;
  /** The SOAP exchanges so far, when created with `recordExchanges`. */
  readonly exchanges: Exchange[];
  /** The api3 operations the simulator implements (the vendor's WSDL has many more; those answer a Server fault). */
  readonly operations: readonly string[];
  /** SOAP calls answered so far, by operation (faulted ones not included). */
  readonly calls: Map<string, number>;
  state(): ReturnType<LanbillingStore['snapshot']> & { sessions: number; logins: number };
}

/**
 * A simulated LANBilling billing core speaking api3 (SOAP 1.1, document/literal, urn:api3)
 * through node-soap from the vendor's own api3.wsdl, with manager sessions, fault injection
 * and state inspection.
 */
export function createLanbillingSimulator(options: LanbillingSimulatorOptions = {}): LanbillingSimulator {
  const now = options.now ?? Date.now;
  const faults = new FaultController();
  const store = new LanbillingStore(now);
  const sessions = new SessionStore(options.managers ?? [DEFAULT_LANBILLING_MANAGER], options.sessionIdleMs ?? 30 * 60_000, now);
  const exchanges: SoapExchange[] = [];
  let answers: AnswerStyle = options.answers ?? 'full';
  const implemented: string[] = [];
  // The handlers need the parsed vendor schema, which exists once node-soap has read the WSDL: they join the port then.
  const port: Record<string, unknown> = {};
  const services = { api3: { api3: port } } as unknown as soap.IServices;
  const { soapHost, ready } = listenSoap({
    path: '/',
    services,
    xml: VENDOR_WSDL,
    // Where the WSDL lives, so node-soap finds the encoding.xml it imports.
    uri: VENDOR_WSDL_FILE,
    envelopeKey: ENVELOPE_PREFIX,
    suppressStack: true,
  });
  const soapReady = ready.then((server) => {
    const schema = new VendorSchema((server as unknown as { wsdl: soap.WSDL }).wsdl);
    const api3 = createApi3Service(store, sessions, new Wire(schema, () => answers), schema.operations());
    Object.assign(port, api3.operations);
    implemented.push(...api3.implemented);
  });
  const expireSessions = () => sessions.expireAll();
  const calls = new Map<string, number>();
  const handler = createSoapRequestHandler({
    onCall: (operation) => calls.set(operation, (calls.get(operation) ?? 0) + 1),
    faults,
    soapHost,
    envelopePrefix: ENVELOPE_PREFIX,
    wsdl: (origin) => VENDOR_WSDL.replace(/(<SOAP:address location=")[^"]*(")/, `$1${origin}/$2`),
    imports: { '/encoding.xml': { operation: 'wsdl-import', text: VENDOR_ENCODING_XML } },
    onExchange: options.recordExchanges ? (exchange) => exchanges.push(exchange) : undefined,
    admin: (req, res, body) => {
      if (req.method === 'POST' && req.url === '/_admin/expire-sessions') {
        expireSessions();
        sendJson(res, 204);
      } else if (req.method === 'GET' && req.url === '/_admin/calls') {
        sendJson(res, 200, Object.fromEntries(calls));
      } else if (req.method === 'POST' && req.url === '/_admin/generate') {
        let parsed: unknown;
        try {
          parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch (err) {
          return sendJson(res, 400, { error: `the body is not JSON: ${err instanceof Error ? err.message : String(err)}` });
        }
        const { count, ...generate } = (parsed ?? {}) as { count?: unknown } & GenerateOptions;
        try {
          sendJson(res, 200, store.generate(Number(count), generate));
        } catch (err) {
          sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
        }
      } else {
        sendJson(res, 404);
      }
    },
  });
  const listener = serveFront(handler, faults);

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
    get answers() {
      return answers;
    },
    set answers(style: AnswerStyle) {
      answers = style;
    },
    exchanges,
    operations: implemented,
    calls,
    state: () => ({ ...store.snapshot(), sessions: sessions.size, logins: sessions.logins }),
    reset() {
      store.reset();
      sessions.expireAll();
      sessions.logins = 0;
      exchanges.length = 0;
      calls.clear();
      answers = options.answers ?? 'full';
    },
    seed: (data) => applySeed(store, data),
  };
}

if (require.main === module) {
  const login = process.env.LANBILLING_SIM_LOGIN;
  const pass = process.env.LANBILLING_SIM_PASSWORD;
  const sim = createLanbillingSimulator({ managers: login && pass ? [{ login, pass }] : undefined });
  runStandalone(sim, {
    env: 'LANBILLING_SIM',
    defaultPort: 34012,
    describe: (url, admin) => `lanbilling simulator: ${url} (WSDL ${sim.wsdlUrl}; admin: ${admin}; expire sessions: POST ${url}_admin/expire-sessions)`,
  });
}
