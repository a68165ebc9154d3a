import { z } from 'zod';
import { isTimeZone } from '../domain/wall-clock';
import { billingPort } from '../connectors/ports';
import { connectorDefinition, connectorDefinitions } from '../connectors/registry';
import type { ServicePolicy } from '../domain/policy';
import { serviceKind, serviceKinds } from '../kinds/registry';
import { licenseServerPort, notificationTargetPort } from '../connectors/licensing/port';
import { notificationsSchema } from '../notifications/config';

/** One zod schema for the whole configuration; a wrong value fails at start naming its path. */
const name = z.string().regex(/^[a-z][\w-]*$/, 'lowercase letters, digits, _ and - (a name used in ids)');
const connectorBlock = z.looseObject({ kind: z.string().min(1) });

const chargePeriod = z.union([z.literal('month').transform(() => ({ unit: 'month' as const })), z.object({ everySeconds: z.number().int().min(1) })]);

/** An IANA zone the runtime knows (Intl throws RangeError for any other); the Temporal server resolves the same names. */
const timeZone = z.string().refine(isTimeZone, 'an IANA time zone such as America/Sao_Paulo');

/** Monthly TV invoicing ("Faturamento TV"): the Schedule's calendar and what each run bills. */
const invoicing = z.object({
  billing: name.default('isp-integrator'),
  /** 1–28 so that every month has the day (a backfill of any month starts exactly one run). */
  dayOfMonth: z.number().int().min(1).max(28).default(1),
  hour: z.number().int().min(0).max(23).default(6),
  minute: z.number().int().min(0).max(59).default(0),
  timezone: timeZone.default('America/Sao_Paulo'),
  /** The "Vencimento" a run bills for: this day of the scheduled month (the month's last day when shorter). */
  dueDayOfMonth: z.number().int().min(1).max(31).default(10),
  pageSize: z.number().int().min(1).max(1000).default(500),
  /** Billing events saved at the same time: each page's plans go out in groups of this many. */
  concurrency: z.number().int().min(1).max(256).default(16),
  /** Pages one activity reads one after the other (the next one read while the current one's events are saved). */
  pagesPerActivity: z.number().int().min(1).max(200).default(32),
  paused: z.boolean().default(false),
  /** After invoicing, how often the Pending → Processed state of the due date's events is counted. */
  trackEverySeconds: z.number().int().min(1).default(3600),
  /** Tracking gives up after this long (0 = no tracking); well under a month so the next run is not skipped as an overlap. */
  trackForHours: z.number().min(0).max(24 * 27).default(24 * 20),
});

/**
 * Month-end usage billing: for each service whose kind meters use (meeting sessions), the
 * price and, for each parent (a parent license), the billing account holding it, which is
 * charged its children's use. A Temporal Schedule runs it at the start of each month for the
 * month before.
 */
const usageParent = z
  .object({
    billing: name,
    account: z.string().min(1),
    /** The contract charged; default: the account's own, as billing reads it. */
    agreement: z.string().min(1).optional(),
  })
  .strict();
const usageService = z
  .object({
    /** Price of a minute of session time, charged per second (0.60 a minute is 0.01 a second), rounded to cents per item. */
    pricePerMinute: z.number().positive(),
    /** Start of the comment of each charge; the item and month follow ("<comment> 300001, 2026-05: 3725 s"). */
    comment: z.string().min(1).max(100).default('Session usage'),
    /** Parent (a parent license) → the billing account that holds it. */
    parents: z.record(z.string().min(1), usageParent).refine((p) => Object.keys(p).length > 0, 'name at least one parent'),
  })
  .strict();
const usageBilling = z.object({
  services: z.record(name, usageService).default({}),
  /** When the Schedule runs (in `timezone`), billing the month before. */
  dayOfMonth: z.number().int().min(1).max(28).default(1),
  hour: z.number().int().min(0).max(23).default(2),
  minute: z.number().int().min(0).max(59).default(0),
  /** Months begin at midnight in this zone. */
  timezone: timeZone.default('UTC'),
  /** Usage items (child licenses) read and charged per activity. */
  pageSize: z.number().int().min(1).max(5000).default(1000),
  /** Charges sent to billing at the same time. */
  concurrency: z.number().int().min(1).max(64).default(16),
  paused: z.boolean().default(false),
});

/**
 * A service: the fields every kind shares; the kind (kinds/<kind>) validates the rest. `role` is
 * the name release 0.1 gave `kind`, still read so its config files keep working.
 */
const serviceBlock = z.looseObject({
  kind: z.string().min(1).optional(),
  role: z.string().min(1).optional(),
  billing: z.array(name).min(1),
  charge: z.object({ amount: z.number().positive(), period: chargePeriod, comment: z.string().default('subsync periodic charge') }).optional(),
});
type ServiceBlock = z.output<typeof serviceBlock>;

/** Splits a service block into the common fields and the kind's own settings (unparsed). */
export function splitServiceBlock(service: string, block: ServiceBlock): Omit<ServicePolicy, 'settings'> & { settings: Record<string, unknown> } {
  const { kind, role, billing, charge, ...settings } = block;
  return { service, kind: kind ?? role ?? '', billing, charge, settings };
}

export const configSchema = z
  .object({
    temporal: z.object({
      /** host:port of an existing cluster (or Temporal Cloud); unset runs the embedded dev server. */
      address: z.string().min(1).optional(),
      namespace: z.string().min(1).default('default'),
      taskQueue: z.string().min(1).default('subsync'),
      apiKey: z.string().min(1).optional(),
      tls: z
        .union([z.boolean(), z.object({ serverName: z.string().optional(), caPath: z.string().optional(), certPath: z.string().optional(), keyPath: z.string().optional() })])
        .optional(),
      devServer: z.object({ port: z.number().int().min(1).max(65535), uiPort: z.number().int().min(1).max(65535), dbFile: z.string().min(1), ip: z.string().default('127.0.0.1') }),
    }),
    store: z.object({ url: z.string().min(1) }),
    api: z.object({
      port: z.number().int().min(0).max(65535),
      host: z.string().min(1),
      /** How long an event waits for a worker before it is left in the inbox for redelivery. */
      deliveryTimeoutMs: z.number().int().min(100).default(10_000),
      redeliverEveryMs: z.number().int().min(100).default(5_000),
      /** Bounds on what one request may cost: body sizes, how long it may take to arrive. */
      limits: z
        .object({
          bodyBytes: z.number().int().min(1024).default(64 * 1024),
          csvBytes: z.number().int().min(1024).default(8 * 1024 * 1024),
          requestTimeoutMs: z.number().int().min(100).default(30_000),
          headersTimeoutMs: z.number().int().min(100).default(10_000),
          keepAliveTimeoutMs: z.number().int().min(100).default(5_000),
        })
        .prefault({}),
      /** Requests per credential (per client address without one) in a window; above it 429 with Retry-After. */
      rateLimit: z.object({ max: z.number().int().min(1).default(600), timeWindowMs: z.number().int().min(1000).default(60_000) }).prefault({}),
      auth: z
        .object({
          /**
           * Create an admin credential "demo" on start and keep its key in demoKeyFile (for `npm start`
           * with the simulators only: never with simulators.enabled false).
           */
          demoCredential: z.boolean().default(false),
          demoKeyFile: z.string().min(1).default('.data/demo-api-key'),
        })
        .prefault({}),
    }),
    log: z.object({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      /** pretty: coloured lines for people; json: one JSON object per line; auto: pretty on a terminal, else json. */
      format: z.enum(['auto', 'pretty', 'json']).default('auto'),
    }),
    metrics: z
      .object({
        /** Where a process without the HTTP API (SUBSYNC_ROLE=worker) serves /metrics; the API serves it on its own port. */
        port: z.number().int().min(0).max(65535).default(9464),
        host: z.string().min(1).default('127.0.0.1'),
      })
      .prefault({}),
    simulators: z.object({
      enabled: z.boolean(),
      seedDemo: z.boolean().default(true),
      ports: z.object({
        admin: z.number().int(),
        lanbilling: z.number().int(),
        intercom: z.number().int(),
        ispIntegrator: z.number().int(),
        tv: z.number().int(),
        licenseCentral: z.number().int().default(4050),
        fastviewer: z.number().int().default(4080),
        videoResell: z.number().int().default(4090),
        informaticsSap: z.number().int().default(4060),
        webhookReceiver: z.number().int().default(4070),
        smtp: z.number().int().default(4025),
      }),
    }),
    billing: z.record(name, connectorBlock),
    platforms: z.record(name, connectorBlock),
    services: z.record(name, serviceBlock),
    watch: z
      .record(
        name,
        z.object({
          enabled: z.boolean().default(true),
          intervalSeconds: z.number().min(1).default(30),
          /** Accounts per page of billing's cheap list read. */
          pageSize: z.number().int().min(1).max(10_000).default(500),
          /** Accounts read in full per poll beyond the changed ones (the full sweep): a sweep takes accounts / sweepPerCycle polls. */
          sweepPerCycle: z.number().int().min(0).default(100),
        }),
      )
      .default({}),
    invoicing: invoicing.prefault({}),
    /** How much one worker process takes on (README "Scale out"). */
    worker: z
      .object({
        /** Threads running workflow code. Commands run their work in local activities on the main thread, so one suffices on a small machine; each more costs ~40 MiB. */
        workflowThreads: z.number().int().min(1).max(16).default(1),
        /**
         * Workflows kept in memory between their tasks; beyond it the least recently used is evicted and
         * replayed from its (short) history on its next task, which costs CPU, not correctness. A cached
         * subscriber costs about 0.5 MiB (Temporal's core keeps its history, the workflow thread its
         * state; bench/README.md, worker scenario), so the cache is what lets a worker's memory grow with
         * the subscribers it touches: 2,000 would be ~1 GiB. With 100 a worker peaked at 389 and 391 MiB
         * through lifecycle bursts of 200 and 400 subscribers (its peak no longer follows their number),
         * and every subscriber in flight stays cached (20 at a time keep theirs across their commands).
         */
        maxCachedWorkflows: z.number().int().min(0).default(100),
        /**
         * How far the V8 heap of a process running a worker may grow past what is alive before V8
         * collects (runtime/heap.ts). V8's own choice (up to 4× on a roomy machine) took a worker to
         * 568 MiB through a 1,200-command burst with 108 MiB alive; 25 % kept it at 412-425 MiB at the
         * same CPU per command (bench/README.md, worker scenario). 0: V8 decides.
         */
        heapGrowingPercent: z.number().int().min(0).max(300).default(25),
        /**
         * Largest semi-space (MiB) of the young generation of the workflow threads (V8's default 16;
         * runtime/heap.ts). 4 took the workflow thread's heap after a 2,400-command burst from 77 to
         * 47 MiB and the worker's peak from 440 to 391 MiB, with no more CPU per command. 0: V8 decides.
         */
        maxSemiSpaceMiB: z.number().int().min(0).max(64).default(4),
        maxConcurrentActivities: z.number().int().min(1).default(200),
        maxConcurrentLocalActivities: z.number().int().min(1).default(200),
        /**
         * On SIGTERM the worker stops polling and gives in-flight activities this long to finish; then
         * they are cancelled and handed back to Temporal (another worker retries them), and the process exits.
         */
        shutdownGraceMs: z.number().int().min(0).default(10_000),
      })
      .prefault({}),
    usageBilling: usageBilling.prefault({}),
    /** NotificationDispatcher: a license server's change feeds to webhooks, connectors and custom modules (README "NotificationDispatcher"). */
    notifications: notificationsSchema.prefault({}),
    policies: z.object({
      retry: z.object({ initialIntervalMs: z.number().int().min(10), backoffCoefficient: z.number().min(1), maximumIntervalMs: z.number().int().min(100) }),
      activityTimeoutMs: z.number().int().min(100),
      continueAsNewAfterEvents: z.number().int().min(100),
    }),
  })
  .superRefine((cfg, ctx) => {
    // Each connector block is checked by its own connector's schema, so errors name e.g. billing.lanbilling.url.
    const check = (section: 'billing' | 'platforms', key: string, block: { kind: string }) => {
      const def = connectorDefinition(block.kind);
      const wanted = (d: { port: { id: string } }) => (section === 'billing') === (d.port.id === billingPort.id);
      if (!def || !wanted(def)) {
        const known = connectorDefinitions().filter(wanted).map((d) => d.kind);
        ctx.addIssue({ code: 'custom', path: [section, key, 'kind'], message: `unknown ${section === 'billing' ? 'billing system' : 'platform'} kind "${block.kind}"; known: ${known.join(', ')}` });
        return;
      }
      const { kind: _kind, ...settings } = block;
      const r = def.configSchema.safeParse(settings);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: [section, key, ...issue.path] } as never);
    };
    for (const [key, block] of Object.entries(cfg.billing)) check('billing', key, block);
    for (const [key, block] of Object.entries(cfg.platforms)) check('platforms', key, block);
    // Each service block is checked by its kind, and the platforms it names must implement the kind's port.
    for (const [key, block] of Object.entries(cfg.services)) {
      const svc = splitServiceBlock(key, block);
      const kind = serviceKind(svc.kind);
      if (!kind) {
        ctx.addIssue({ code: 'custom', path: ['services', key, 'kind'], message: `${svc.kind ? `unknown service kind "${svc.kind}"` : 'kind is required'}; known: ${serviceKinds().map((k) => k.kind).join(', ')}` });
        continue;
      }
      const r = kind.settingsSchema.safeParse(svc.settings);
      if (!r.success) {
        for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: ['services', key, ...issue.path] } as never);
        continue;
      }
      for (const ref of kind.platformsNamed(r.data)) {
        const platform = cfg.platforms[ref.name];
        const def = platform && connectorDefinition(platform.kind);
        if (!platform) ctx.addIssue({ code: 'custom', path: ['services', key, ...ref.path], message: `no platform named "${ref.name}" in platforms` });
        else if (def && def.port.id !== kind.port.id) ctx.addIssue({ code: 'custom', path: ['services', key, ...ref.path], message: `"${ref.name}" is a ${def.port.title}; a ${kind.kind} service needs a ${kind.port.title}` });
      }
      svc.billing.forEach((b, i) => {
        if (!cfg.billing[b]) ctx.addIssue({ code: 'custom', path: ['services', key, 'billing', i], message: `no billing system named "${b}" in billing` });
      });
    }
    const invoicingBilling = cfg.billing[cfg.invoicing.billing];
    if (invoicingBilling && invoicingBilling.kind !== 'isp-integrator') {
      ctx.addIssue({ code: 'custom', path: ['invoicing', 'billing'], message: `"${cfg.invoicing.billing}" is a ${invoicingBilling.kind} billing system; TV invoicing needs an isp-integrator one` });
    }
    for (const [key, usage] of Object.entries(cfg.usageBilling.services)) {
      const block = cfg.services[key];
      const kind = block && serviceKind(splitServiceBlock(key, block).kind);
      if (!block) ctx.addIssue({ code: 'custom', path: ['usageBilling', 'services', key], message: `no service named "${key}" in services` });
      else if (kind && !kind.usage) ctx.addIssue({ code: 'custom', path: ['usageBilling', 'services', key], message: `service "${key}" is of kind "${kind.kind}", which meters no use` });
      for (const [parent, holder] of Object.entries(usage.parents)) {
        if (!cfg.billing[holder.billing]) ctx.addIssue({ code: 'custom', path: ['usageBilling', 'services', key, 'parents', parent, 'billing'], message: `no billing system named "${holder.billing}" in billing` });
      }
    }
    // The notifications block names platforms: the source must be a license server, connector endpoints notification targets.
    const platformOf = (name: string, port: { id: string; title: string }, path: (string | number)[]) => {
      const block = cfg.platforms[name];
      const def = block && connectorDefinition(block.kind);
      if (!block) ctx.addIssue({ code: 'custom', path, message: `no platform named "${name}" in platforms` });
      else if (def && def.port.id !== port.id) ctx.addIssue({ code: 'custom', path, message: `"${name}" is a ${def.port.title}; a ${port.title} is needed here` });
    };
    if (cfg.notifications.enabled) platformOf(cfg.notifications.source, licenseServerPort, ['notifications', 'source']);
    for (const [key, e] of Object.entries(cfg.notifications.endpoints)) {
      if (e.type === 'connector') platformOf(e.platform, notificationTargetPort, ['notifications', 'endpoints', key, 'platform']);
    }
    for (const key of Object.keys(cfg.watch)) {
      if (!cfg.billing[key]) ctx.addIssue({ code: 'custom', path: ['watch', key], message: `no billing system named "${key}" in billing` });
    }
  });

export type RawConfig = z.output<typeof configSchema>;

/** The validated config, with each connector block parsed by its connector's schema and each service by its kind. */
export interface Config extends Omit<RawConfig, 'billing' | 'platforms' | 'services'> {
  billing: Record<string, { kind: string; settings: unknown }>;
  platforms: Record<string, { kind: string; settings: unknown }>;
  services: Record<string, ServicePolicy>;
}
