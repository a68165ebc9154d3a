import { z } from 'zod';
import { billingPort } from '../connectors/ports';
import { connectorDefinition, connectorDefinitions } from '../connectors/registry';
import type { ServicePolicy } from '../domain/policy';
import { serviceKind, serviceKinds } from '../kinds/registry';

/** One zod schema for the whole configuration; a wrong value fails at start naming its path. */
const name = z.string().regex(/^[a-z][\w-]*$/, 'lowercase letters, digits, _ and - (a name used in ids)');
const connectorBlock = z.looseObject({ kind: z.string().min(1) });

const chargePeriod = z.union([z.literal('month').transform(() => ({ unit: 'month' as const })), z.object({ everySeconds: z.number().int().min(1) })]);

/** An IANA zone the runtime knows (Intl throws RangeError for any other); the Temporal server resolves the same names. */
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as America/Sao_Paulo');

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
  paused: z.boolean().default(false),
  /** After invoicing, how often the Pending → Processed state of the due date's events is counted. */
  trackEverySeconds: z.number().int().min(1).default(3600),
  /** Tracking gives up after this long (0 = no tracking); well under a month so the next run is not skipped as an overlap. */
  trackForHours: z.number().min(0).max(24 * 27).default(24 * 20),
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
    worker: z
      .object({
        /**
         * On SIGTERM the worker stops polling and gives in-flight activities this long to finish; then
         * they are cancelled and handed back to Temporal (another worker retries them), and the process exits.
         */
        shutdownGraceMs: z.number().int().min(0).default(10_000),
      })
      .prefault({}),
    simulators: z.object({
      enabled: z.boolean(),
      seedDemo: z.boolean().default(true),
      ports: z.object({ admin: z.number().int(), lanbilling: z.number().int(), intercom: z.number().int(), ispIntegrator: z.number().int(), tv: z.number().int() }),
    }),
    billing: z.record(name, connectorBlock),
    platforms: z.record(name, connectorBlock),
    services: z.record(name, serviceBlock),
    watch: z.record(name, z.object({ enabled: z.boolean().default(true), intervalSeconds: z.number().min(1).default(30) })).default({}),
    invoicing: invoicing.prefault({}),
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
