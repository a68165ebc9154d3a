import { randomBytes } from 'node:crypto';
import { createInformaticsSapSimulator, InformaticsSapSimulator } from '../../simulators/informatics-sap';
import { createLicenseCentralSimulator, LicenseCentralSimulator } from '../../simulators/license-central';
import { createMailSink, MailSink } from '../../simulators/mail';
import { createWebhookReceiver, WebhookReceiver } from '../../simulators/webhook-receiver';
import { merge } from '../../config/load';
import { notificationsSchema } from '../../notifications/config';
import { startTestStack, TestStack } from './stack';

/** A fresh Standard Webhooks secret (32 random bytes). */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface NotificationTestStack extends TestStack {
  licenseCentral: LicenseCentralSimulator;
  sap: InformaticsSapSimulator;
  mail: MailSink;
  /** One receiver per webhook endpoint the test asked for, by endpoint name. */
  receivers: Record<string, WebhookReceiver>;
  secrets: Record<string, string[]>;
}

export interface NotificationStackOptions {
  /** Webhook endpoints to run a receiver for: name → the secrets the endpoint signs with (default one fresh secret). */
  webhooks?: Record<string, { secrets?: string[]; receiverSecrets?: string[]; extra?: Record<string, unknown> }>;
  /** The rest of the `notifications` block (modules, delivery, other endpoints, report). */
  notifications?: Record<string, unknown>;
  overrides?: Record<string, unknown>;
}

/**
 * The whole stack with NotificationDispatcher on: License Central, the INFORMATICS SAP receiver,
 * a Standard Webhooks receiver per webhook endpoint and an SMTP server, all on real sockets;
 * the poller every second and a retry schedule in seconds, so outages play out within a test.
 */
export async function startNotificationStack(options: NotificationStackOptions = {}): Promise<NotificationTestStack> {
  const licenseCentral = createLicenseCentralSimulator();
  const sap = createInformaticsSapSimulator();
  const mail = createMailSink();
  await licenseCentral.start(0);
  await sap.start(0);
  await mail.start(0);
  const receivers: Record<string, WebhookReceiver> = {};
  const secrets: Record<string, string[]> = {};
  const endpoints: Record<string, unknown> = {};
  for (const [name, w] of Object.entries(options.webhooks ?? { hooks: {} })) {
    const signing = w.secrets ?? [newWebhookSecret()];
    const receiver = createWebhookReceiver({ secrets: w.receiverSecrets ?? signing });
    await receiver.start(0);
    receivers[name] = receiver;
    secrets[name] = signing;
    endpoints[name] = { type: 'webhook', url: `${receiver.url}/${name}`, secrets: signing, timeoutMs: 2000, ...w.extra };
  }
  const block = merge(
    {
      enabled: true,
      source: 'license-central',
      intervalSeconds: 1,
      pageSize: 50,
      delivery: { retryScheduleSeconds: [0, 1, 1, 2, 2], jitter: 0, disableAfterHours: 1 },
      endpoints,
      smtp: { host: mail.host, port: mail.port },
      alertRecipients: ['operators@example.com'],
      report: { enabled: false },
    },
    options.notifications ?? {},
  );
  const stack = await startTestStack(
    merge(
      {
        // The backoffs, 410s and alerts these tests cause are expected: their logs would only hide the results.
        log: { level: process.env.LOG_LEVEL ?? 'silent' },
        platforms: {
          'license-central': { url: licenseCentral.url, timeoutMs: 5000 },
          'informatics-sap': { url: sap.url, timeoutMs: 5000 },
        },
      },
      options.overrides ?? {},
    ),
    // The block replaces the demo's (whose endpoints a merge would keep).
    { watchers: false, configure: (config) => ({ ...config, notifications: notificationsSchema.parse(block) }) },
  );
  return {
    ...stack,
    licenseCentral,
    sap,
    mail,
    receivers,
    secrets,
    async stop() {
      await stack.stop();
      for (const r of Object.values(receivers)) await r.stop();
      await licenseCentral.stop();
      await sap.stop();
      await mail.stop();
    },
  };
}

/** The License Central seed most tests start from: an item whose expiry counts from the first activation, and a plain one. */
export const ITEMS = [
  { firmCode: 6000010, productCode: 201, name: 'Intercom App', expiry: { kind: 'days_after_first_activation' as const, days: 30 } },
  { firmCode: 6000010, productCode: 202, name: 'Video archive' },
];
