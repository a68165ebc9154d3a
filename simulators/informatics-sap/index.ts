import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { checkBasicAuth } from '../kit/basic-auth';
import { FaultController } from '../kit/faults';
import { serveFront } from '../kit/http-front';
import { runStandalone, Simulator } from '../kit/simulator';
import { soapHandlers } from '../kit/soap-handlers';
import { createSoapRequestHandler, keepExchanges, listenSoap, SoapExchange } from '../kit/soap-transport';

/**
 * A simulated receiver of the INFORMATICS SAP module: takes license notifications over SOAP
 * (license-notification.wsdl, assumed: the module's interface is not public), once per message
 * id, and answers each with a receipt. What it took is in state(); the shared fault kit applies.
 */
export const ENVELOPE_PREFIX = 'soap';
export const SAP_PATH = '/sap/license-notification';
export const SAP_WSDL_FILE = path.join(__dirname, 'license-notification.wsdl');
const WSDL_TEMPLATE = readFileSync(SAP_WSDL_FILE, 'utf8');
const VERSION = 'subsync INFORMATICS SAP receiver simulator 1.0';

export interface SapUser {
  user: string;
  password: string;
}

/** The simulator's own user, used when none is configured. Not a real credential. */
export const DEFAULT_SAP_USER: SapUser = { user: 'notification-dispatcher', password: 'sap-sim' };

const int = z.number().int();
const dateTime = z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.iso.datetime({ offset: true }));
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(item));

const notificationSchema = z.object({
  messageId: z.string().min(1),
  changeId: z.string().min(1),
  feed: z.enum(['orders', 'licenses', 'activations']),
  type: z.string().min(1),
  time: dateTime,
  ticket: z.string().min(1),
  orderNumber: z.string().min(1),
  customerNumber: z.string().optional(),
  licenseNumber: z.string().optional(),
  firmCode: int.optional(),
  productCode: int.optional(),
  line: list(z.object({ lineId: z.string(), firmCode: int, productCode: int, quantity: int })),
  status: z.enum(['available', 'activation_pending', 'activated', 'return_pending', 'withdrawal_pending', 'withdrawn']).optional(),
  suspended: z.boolean().optional(),
  containerSerial: z.string().optional(),
  expiration: dateTime.optional(),
});
export type ReceivedNotification = z.output<typeof notificationSchema>;

export interface Receipt {
  messageId: string;
  receiptId: string;
  received: string;
  duplicate: boolean;
}

interface Stored {
  notification: ReceivedNotification;
  fingerprint: string;
  receipt: Omit<Receipt, 'duplicate'>;
  deliveries: number;
}

class SapFault extends Error {
  constructor(readonly kind: 'Client' | 'Server', readonly code: string, message: string, readonly detail?: string) {
    super(message);
  }
  toNodeSoap() {
    return {
      Fault: {
        faultcode: `${ENVELOPE_PREFIX}:${this.kind}.${this.code}`,
        faultstring: this.message,
        ...(this.detail === undefined ? {} : { detail: this.detail }),
        statusCode: this.code === 'AuthenticationFailed' ? 401 : 500,
      },
    };
  }
}

const { parseArgs, answer } = soapHandlers({
  fault: SapFault,
  internal: (message) => new SapFault('Server', 'InternalError', message),
  invalid: (field, why) => new SapFault('Client', 'InvalidRequest', `Invalid value for ${field}: ${why}`, field),
});

export interface InformaticsSapSimulatorOptions {
  users?: SapUser[];
  now?: () => number;
  keepExchanges?: number;
}

export interface InformaticsSapSimulator extends Simulator {
  readonly wsdlUrl: string;
  readonly exchanges: SoapExchange[];
  state(): { received: (ReceivedNotification & { receiptId: string; deliveries: number })[]; deliveries: number };
}

export function createInformaticsSapSimulator(options: InformaticsSapSimulatorOptions = {}): InformaticsSapSimulator {
  const now = options.now ?? Date.now;
  const users = options.users ?? [DEFAULT_SAP_USER];
  const faults = new FaultController();
  const received = new Map<string, Stored>();
  const exchanges: SoapExchange[] = [];
  let deliveries = 0;
  let nextReceipt = 1;

  const guarded = (run: (args: unknown) => unknown) => (args: unknown, _cb: unknown, _headers: unknown, req: IncomingMessage) =>
    answer(() => {
      authenticate(req, users);
      return run(args);
    });

  const service = {
    LicenseNotificationService: {
      Notification: {
        TransmitNotification: guarded((args) => {
          const { notification } = parseArgs(z.object({ notification: notificationSchema }), args);
          deliveries++;
          const fingerprint = fingerprintOf(notification);
          const known = received.get(notification.messageId);
          if (known) {
            if (known.fingerprint !== fingerprint) {
              throw new SapFault('Client', 'MessageConflict', `Message ${notification.messageId} was received before with other content`, notification.messageId);
            }
            known.deliveries++;
            return { receipt: { ...known.receipt, duplicate: true } };
          }
          const receipt = { messageId: notification.messageId, receiptId: `SAP-${String(nextReceipt++).padStart(8, '0')}`, received: new Date(now()).toISOString() };
          received.set(notification.messageId, { notification, fingerprint, receipt, deliveries: 1 });
          return { receipt: { ...receipt, duplicate: false } };
        }),
        GetStatus: guarded(() => ({ version: VERSION, messagesReceived: received.size })),
      },
    },
  };

  const { soapHost, ready: soapReady } = listenSoap({ path: SAP_PATH, services: service, xml: WSDL_TEMPLATE, envelopeKey: ENVELOPE_PREFIX, suppressStack: true });
  const listener = serveFront(
    createSoapRequestHandler({
      faults,
      soapHost,
      envelopePrefix: ENVELOPE_PREFIX,
      wsdl: (origin) => WSDL_TEMPLATE.replace(/(<soap:address location=")http:\/\/localhost/, `$1${origin}`),
      onExchange: keepExchanges(exchanges, options.keepExchanges ?? 50),
    }),
    faults,
  );

  return {
    name: 'informatics-sap',
    faults,
    exchanges,
    get url() {
      return `${listener.url}${SAP_PATH}`;
    },
    get wsdlUrl() {
      return `${listener.url}${SAP_PATH}?wsdl`;
    },
    async start(port = 0) {
      await soapReady;
      await listener.listen(port);
      return `${listener.url}${SAP_PATH}`;
    },
    async stop() {
      await listener.close();
    },
    state: () => ({
      received: [...received.values()].map((s) => ({ ...s.notification, receiptId: s.receipt.receiptId, deliveries: s.deliveries })),
      deliveries,
    }),
    reset() {
      received.clear();
      exchanges.length = 0;
      deliveries = 0;
      nextReceipt = 1;
    },
    seed(data) {
      // Messages the module already holds, e.g. to test a redelivery after a restart.
      const parsed = z.object({ received: z.array(notificationSchema).default([]) }).safeParse(data ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw Object.assign(new Error(`${issue.path.join('.') || '(seed)'}: ${issue.message}`), { statusCode: 400 });
      }
      for (const notification of parsed.data.received) {
        const receipt = { messageId: notification.messageId, receiptId: `SAP-${String(nextReceipt++).padStart(8, '0')}`, received: new Date(now()).toISOString() };
        received.set(notification.messageId, { notification, fingerprint: fingerprintOf(notification), receipt, deliveries: 1 });
      }
    },
  };
}

function fingerprintOf(notification: ReceivedNotification): string {
  return createHash('sha256').update(JSON.stringify(notification)).digest('hex');
}

function authenticate(req: IncomingMessage, users: SapUser[]): void {
  const verdict = checkBasicAuth(req.headers.authorization, users);
  if (verdict === 'missing') throw new SapFault('Client', 'AuthenticationFailed', 'Authentication required (HTTP Basic)');
  if (verdict === 'refused') throw new SapFault('Client', 'AuthenticationFailed', 'Invalid user name or password');
}

if (require.main === module) {
  const user = process.env.INFORMATICS_SAP_SIM_USER;
  const password = process.env.INFORMATICS_SAP_SIM_PASSWORD;
  const sim = createInformaticsSapSimulator({ users: user && password ? [{ user, password }] : undefined });
  runStandalone(sim, { env: 'INFORMATICS_SAP_SIM', defaultPort: 4060, describe: (url, admin) => `informatics-sap simulator: ${url} (WSDL ${sim.wsdlUrl}; admin: ${admin})` });
}
