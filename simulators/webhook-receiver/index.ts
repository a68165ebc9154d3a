import http from 'node:http';
import Fastify from 'fastify';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { z } from 'zod';
import { installFastifyFaults } from '../kit/fastify-faults';
import { FaultController } from '../kit/faults';
import { ServiceListener } from '../kit/listener';
import { runStandalone, Simulator } from '../kit/simulator';
import { DEMO_WEBHOOK_SECRET } from './demo-secret';

/** The demo receiver's own secret (32 bytes, base64), matching config/defaults.ts. Not a real credential. */
export { DEMO_WEBHOOK_SECRET };

/** Where it takes webhooks: `POST /webhooks` (or `/webhooks/<anything>`, to tell several endpoints apart). */
export const WEBHOOK_PATH = '/webhooks';

export interface ReceivedWebhook {
  /** The `webhook-id` header: one entry per id, however often it came. */
  id: string;
  path: string;
  type: string;
  /** The payload's `timestamp` (when the event happened). */
  timestamp: string;
  data: Record<string, unknown>;
  /** How often it was delivered (a redelivery after a lost answer, an operator's resend). */
  deliveries: number;
  /** `webhook-timestamp` of each delivery (seconds): differs per attempt, the id does not. */
  attemptTimestamps: number[];
  firstReceivedAt: number;
  lastReceivedAt: number;
}

/**
 * The receiver's own failure modes besides the shared kit (which gives down, any 4xx/5xx status
 * such as 410, 429 with Retry-After, timeouts and latency).
 */
export const receiverFaultSchema = z.discriminatedUnion('kind', [
  /** Answer 3xx with a Location (a moved endpoint): senders must not follow it. */
  z.object({ kind: z.literal('redirect'), status: z.number().int().min(300).max(399).default(301), location: z.string().default('https://moved.example/webhooks') }),
  /** 503 with Retry-After (down for maintenance). */
  z.object({ kind: z.literal('maintenance'), retryAfterSeconds: z.number().nonnegative().default(1) }),
  /** Takes the message, then answers this status anyway (it crashed before answering): the sender retries what arrived. */
  z.object({ kind: z.literal('fail_after_receive'), status: z.number().int().min(500).max(599).default(500), times: z.number().int().positive().default(1) }),
]);
export type ReceiverFault = z.input<typeof receiverFaultSchema>;

export interface WebhookReceiverOptions {
  /** Secrets it verifies with (any one matching is enough): the receiver's side of a rotation. */
  secrets?: string[];
  /** Keep the payload of at most this many messages (the bench sends tens of thousands). */
  keepPayloads?: number;
}

export interface WebhookReceiver extends Simulator {
  readonly secrets: string[];
  /** Replaces the secrets it verifies with (e.g. it learned the new one of a rotation). */
  setSecrets(secrets: string[]): void;
  readonly receiverFault: z.output<typeof receiverFaultSchema> | undefined;
  setReceiverFault(fault: ReceiverFault | undefined): void;
  received(): ReceivedWebhook[];
  /** Ids in the order their first delivery arrived. */
  order(): string[];
  state(): { received: number; deliveries: number; duplicates: number; refused: number; lastRefusal?: string };
  /** Resolves once `count` distinct messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
}

/**
 * A webhook consumer as the Standard Webhooks spec describes it: verifies every request with the
 * `standardwebhooks` library's own verifier (signature over id, timestamp and the raw body;
 * timestamp within five minutes), refuses what does not verify (401), and uses `webhook-id` as
 * the idempotency key (a repeat is answered 200 and counted, not stored twice).
 */
export function createWebhookReceiver(options: WebhookReceiverOptions = {}): WebhookReceiver {
  let secrets = options.secrets ?? [DEMO_WEBHOOK_SECRET];
  let verifiers = secrets.map((s) => new Webhook(s));
  const keep = options.keepPayloads ?? 100_000;
  const faults = new FaultController();
  const byId = new Map<string, ReceivedWebhook>();
  const order: string[] = [];
  let deliveries = 0;
  let duplicates = 0;
  let refused = 0;
  let lastRefusal: string | undefined;
  let receiverFault: z.output<typeof receiverFaultSchema> | undefined;
  const waiters: { count: number; resolve: () => void }[] = [];

  const app = Fastify({ logger: false, serverFactory: (handler) => http.createServer(handler), bodyLimit: 1024 * 1024 });
  installFastifyFaults(app, faults, () => 'receive');
  // The signature covers the body exactly as sent: keep it raw, never re-serialize it.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const receive = async (req: { url: string; body: unknown; headers: Record<string, unknown> }, reply: { code(n: number): { send(b?: unknown): unknown; header(k: string, v: string): { send(b?: unknown): unknown } } }) => {
    const f = receiverFault;
    if (f?.kind === 'redirect') return reply.code(f.status).header('location', f.location).send();
    if (f?.kind === 'maintenance') return reply.code(503).header('retry-after', String(f.retryAfterSeconds)).send({ error: 'maintenance' });
    const raw = typeof req.body === 'string' ? req.body : '';
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(req.headers[h] ?? '')]));
    let payload: { type?: unknown; timestamp?: unknown; data?: unknown } | undefined;
    let lastError: unknown;
    for (const v of verifiers) {
      try {
        payload = v.verify(raw, headers) as typeof payload;
        break;
      } catch (err) {
        lastError = err;
      }
    }
    if (!payload) {
      refused++;
      lastRefusal = lastError instanceof WebhookVerificationError ? lastError.message : String(lastError);
      return reply.code(401).send({ error: 'invalid_signature', message: lastRefusal });
    }
    deliveries++;
    const id = headers['webhook-id']!;
    const now = Date.now();
    const known = byId.get(id);
    if (known) {
      duplicates++;
      known.deliveries++;
      known.attemptTimestamps.push(Number(headers['webhook-timestamp']));
      known.lastReceivedAt = now;
      return failAfterReceive() ?? reply.code(200).send({ received: id, duplicate: true });
    }
    const entry: ReceivedWebhook = {
      id,
      path: req.url,
      type: String(payload.type ?? ''),
      timestamp: String(payload.timestamp ?? ''),
      data: byId.size < keep ? ((payload.data ?? {}) as Record<string, unknown>) : {},
      deliveries: 1,
      attemptTimestamps: [Number(headers['webhook-timestamp'])],
      firstReceivedAt: now,
      lastReceivedAt: now,
    };
    byId.set(id, entry);
    order.push(id);
    for (const w of [...waiters]) {
      if (byId.size >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
    return failAfterReceive() ?? reply.code(200).send({ received: id, duplicate: false });

    function failAfterReceive() {
      if (f?.kind !== 'fail_after_receive') return undefined;
      const left = (f.times ?? 1) - 1;
      receiverFault = left > 0 ? { ...f, times: left } : undefined;
      return reply.code(f.status ?? 500).send({ error: 'crashed after receiving' });
    }
  };
  app.post(WEBHOOK_PATH, (req, reply) => receive(req as never, reply as never));
  app.post(`${WEBHOOK_PATH}/*`, (req, reply) => receive(req as never, reply as never));
  const listener = new ServiceListener(app.server);
  listener.bindFaults(faults);

  return {
    name: 'webhook-receiver',
    faults,
    get secrets() {
      return secrets;
    },
    setSecrets(next) {
      secrets = next;
      verifiers = next.map((s) => new Webhook(s));
    },
    get receiverFault() {
      return receiverFault;
    },
    setReceiverFault(fault) {
      receiverFault = fault === undefined ? undefined : receiverFaultSchema.parse(fault);
    },
    get url() {
      return `${listener.url}${WEBHOOK_PATH}`;
    },
    async start(port = 0) {
      await app.ready();
      await listener.listen(port);
      return `${listener.url}${WEBHOOK_PATH}`;
    },
    async stop() {
      await listener.close();
      await app.close();
    },
    received: () => [...byId.values()],
    order: () => [...order],
    state: () => ({ received: byId.size, deliveries, duplicates, refused, ...(lastRefusal ? { lastRefusal } : {}) }),
    waitFor(count, timeoutMs = 60_000) {
      if (byId.size >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const w = { count, resolve: () => (clearTimeout(timer), resolve()) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`webhook receiver: ${byId.size} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    reset() {
      byId.clear();
      order.length = 0;
      deliveries = duplicates = refused = 0;
      lastRefusal = undefined;
      receiverFault = undefined;
    },
    seed() {
      throw Object.assign(new Error('the webhook receiver takes no seed: it only receives'), { statusCode: 400 });
    },
  };
}

if (require.main === module) {
  const secrets = process.env.WEBHOOK_RECEIVER_SECRETS?.split(',').filter(Boolean);
  const sim = createWebhookReceiver({ ...(secrets?.length ? { secrets } : {}) });
  runStandalone(sim, { env: 'WEBHOOK_RECEIVER', describe: (url, admin) => `webhook receiver: ${url} (admin: ${admin})` });
}
