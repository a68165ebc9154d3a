import { z } from 'zod';
import { isTimeZone } from '../domain/wall-clock';
import { webhookEndpointSchema } from '../connectors/webhooks/config';
import { STANDARD_RETRY_SCHEDULE_SECONDS } from '../domain/outbox';

/**
 * The `notifications` block: NotificationDispatcher for a license server (CodeMeter License
 * Central first). Which change feeds are read and how (modules, activation detail mode), where
 * the messages go (webhooks, a notification-target connector such as the INFORMATICS SAP module,
 * a custom transmission module), how deliveries are retried, and the periodic report by e-mail.
 */
const name = z.string().regex(/^[a-z][\w-]*$/, 'lowercase letters, digits, _ and - (a name used in ids)');

export const MODULES = ['orders', 'licenses', 'activations'] as const;
export type ModuleName = (typeof MODULES)[number];

/**
 * Activations: `all` every completed activation transaction per license (a running log),
 * `per_ticket` one set of data per license transaction, `current_status` only each license's
 * latest state (activation status and CmContainer serial; not a log).
 */
export const ACTIVATION_DETAIL = ['all', 'per_ticket', 'current_status'] as const;
export type ActivationDetail = (typeof ACTIVATION_DETAIL)[number];

/** License properties the licenses module can transmit (identity fields always go). */
export const LICENSE_PROPERTIES = ['customer', 'licenseNumber', 'item', 'status', 'suspended', 'containerSerial', 'firstActivatedAt', 'expiresAt'] as const;

const endpointCommon = {
  enabled: z.boolean().default(true),
  /** Which modules' messages this endpoint gets (default: every enabled module). */
  modules: z.array(z.enum(MODULES)).min(1).optional(),
};

const endpointSchema = z.discriminatedUnion('type', [
  /** Standard Webhooks: JSON POST signed with each secret. */
  webhookEndpointSchema.extend({ type: z.literal('webhook'), ...endpointCommon }),
  /** A notification-target connector from `platforms` (e.g. the INFORMATICS SAP module). */
  z.object({ type: z.literal('connector'), platform: name, ...endpointCommon }),
  /** A TypeScript module of your own implementing CustomTransmission (notifications/custom.ts). */
  z.object({
    type: z.literal('custom'),
    /** Path of the module, relative to the working directory (or absolute). */
    module: z.string().min(1),
    /** Its options, handed to its factory as they are. */
    options: z.record(z.string(), z.unknown()).default({}),
    ...endpointCommon,
  }),
]);
export type EndpointConfig = z.output<typeof endpointSchema>;

const timeZone = z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Vienna');

const smtpSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  /** Accept a self-signed certificate (test servers only). */
  allowSelfSigned: z.boolean().default(false),
});
export type SmtpConfig = z.output<typeof smtpSchema>;

export const notificationsSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The license server in `platforms` whose change feeds are read. */
    source: name.default('license-central'),
    /** Time between polls (a poll reads every page that is waiting, up to maxPagesPerPoll). */
    intervalSeconds: z.number().min(1).default(60),
    pageSize: z.number().int().min(1).max(1000).default(500),
    maxPagesPerPoll: z.number().int().min(1).max(1000).default(20),
    modules: z
      .object({
        orders: z.object({ enabled: z.boolean().default(true) }).prefault({}),
        licenses: z.object({ enabled: z.boolean().default(true), properties: z.array(z.enum(LICENSE_PROPERTIES)).min(1).optional() }).prefault({}),
        activations: z.object({ enabled: z.boolean().default(true), detail: z.enum(ACTIVATION_DETAIL).default('all') }).prefault({}),
      })
      .prefault({}),
    delivery: z
      .object({
        /** Messages one delivery activity takes at most. */
        batchSize: z.number().int().min(1).max(5000).default(500),
        /** Requests in flight to one endpoint at once (messages of one key still go one after another). */
        concurrency: z.number().int().min(1).max(500).default(32),
        /** Delay before each attempt, in seconds; the first is the first attempt. Default: Standard Webhooks' schedule. */
        retryScheduleSeconds: z.array(z.number().min(0)).min(1).default([...STANDARD_RETRY_SCHEDULE_SECONDS]),
        /** Random spread of each delay, ± this fraction. */
        jitter: z.number().min(0).max(0.5).default(0.2),
        /** An endpoint failing without a break for this long is disabled and the operator told. */
        disableAfterHours: z.number().positive().default(120),
      })
      .prefault({}),
    endpoints: z.record(name, endpointSchema).default({}),
    report: z
      .object({
        enabled: z.boolean().default(false),
        /** The report covers the previous full period; it is sent at the start of the next. */
        period: z.enum(['day', 'week', 'month']).default('week'),
        hour: z.number().int().min(0).max(23).default(7),
        minute: z.number().int().min(0).max(59).default(0),
        timezone: timeZone.default('Europe/Vienna'),
        from: z.string().min(3).default('NotificationDispatcher <subsync@localhost>'),
        recipients: z.array(z.email()).default([]),
        paused: z.boolean().default(false),
      })
      .prefault({}),
    /** Where the report and operator alerts (an endpoint disabled) are sent. */
    smtp: smtpSchema.optional(),
    /** Who is told when an endpoint is disabled (410, or failing for disableAfterHours). */
    alertRecipients: z.array(z.email()).default([]),
  })
  .superRefine((n, ctx) => {
    if (n.report.enabled && !n.smtp) ctx.addIssue({ code: 'custom', path: ['smtp'], message: 'the report is enabled: an SMTP server is needed to send it' });
    if (n.report.enabled && n.report.recipients.length === 0) ctx.addIssue({ code: 'custom', path: ['report', 'recipients'], message: 'the report is enabled: name at least one recipient' });
    const enabled = MODULES.filter((m) => n.modules[m].enabled);
    for (const [key, e] of Object.entries(n.endpoints)) {
      for (const m of e.modules ?? []) {
        if (!enabled.includes(m)) ctx.addIssue({ code: 'custom', path: ['endpoints', key, 'modules'], message: `module "${m}" is not enabled in notifications.modules` });
      }
    }
  });
export type NotificationsConfig = z.output<typeof notificationsSchema>;

/** The modules the config enables, in feed order. */
export const enabledModules = (n: Pick<NotificationsConfig, 'modules'>): ModuleName[] => MODULES.filter((m) => n.modules[m].enabled);

/** The endpoints that get a module's messages (config-disabled ones too: their messages wait in the outbox). */
export function endpointsFor(n: Pick<NotificationsConfig, 'endpoints' | 'modules'>, module: string): string[] {
  return Object.entries(n.endpoints)
    .filter(([, e]) => (e.modules ?? enabledModules(n)).includes(module as ModuleName))
    .map(([key]) => key);
}
