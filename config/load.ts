import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { connectorDefinition } from '../connectors/registry';
import { serviceKind } from '../kinds/registry';
import { defaultConfig } from './defaults';
import { Config, configSchema, splitServiceBlock } from './schema';

export class ConfigError extends Error {
  constructor(readonly issues: string[], source: string) {
    super(`Invalid configuration (${source}):\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge where objects merge and everything else (arrays included) replaces. */
export function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Json, v) : v;
  return out;
}

/** The environment variables subsync reads, mapped onto config paths. */
function fromEnv(env: NodeJS.ProcessEnv): Json {
  const o: Json = {};
  const set = (p: string[], v: unknown) => {
    let cur = o;
    for (const k of p.slice(0, -1)) cur = (cur[k] = isObject(cur[k]) ? cur[k] : {}) as Json;
    cur[p[p.length - 1]] = v;
  };
  const num = (v: string, name: string) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new ConfigError([`${name}: expected a number, got "${v}"`], 'environment');
    return n;
  };
  if (env.TEMPORAL_ADDRESS) set(['temporal', 'address'], env.TEMPORAL_ADDRESS);
  if (env.TEMPORAL_NAMESPACE) set(['temporal', 'namespace'], env.TEMPORAL_NAMESPACE);
  if (env.TEMPORAL_TASK_QUEUE) set(['temporal', 'taskQueue'], env.TEMPORAL_TASK_QUEUE);
  if (env.TEMPORAL_API_KEY) set(['temporal', 'apiKey'], env.TEMPORAL_API_KEY);
  if (env.TEMPORAL_TLS) set(['temporal', 'tls'], env.TEMPORAL_TLS === 'true' || env.TEMPORAL_TLS === '1');
  if (env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY) set(['temporal', 'tls'], { certPath: env.TEMPORAL_TLS_CERT, keyPath: env.TEMPORAL_TLS_KEY, caPath: env.TEMPORAL_TLS_CA });
  if (env.TEMPORAL_DEV_PORT) set(['temporal', 'devServer', 'port'], num(env.TEMPORAL_DEV_PORT, 'TEMPORAL_DEV_PORT'));
  if (env.TEMPORAL_UI_PORT) set(['temporal', 'devServer', 'uiPort'], num(env.TEMPORAL_UI_PORT, 'TEMPORAL_UI_PORT'));
  if (env.DATABASE_URL) set(['store', 'url'], env.DATABASE_URL);
  if (env.SUBSYNC_API_PORT) set(['api', 'port'], num(env.SUBSYNC_API_PORT, 'SUBSYNC_API_PORT'));
  if (env.SUBSYNC_API_HOST) set(['api', 'host'], env.SUBSYNC_API_HOST);
  if (env.LOG_LEVEL) set(['log', 'level'], env.LOG_LEVEL);
  if (env.LOG_FORMAT) set(['log', 'format'], env.LOG_FORMAT);
  if (env.SUBSYNC_METRICS_PORT) set(['metrics', 'port'], num(env.SUBSYNC_METRICS_PORT, 'SUBSYNC_METRICS_PORT'));
  if (env.SUBSYNC_METRICS_HOST) set(['metrics', 'host'], env.SUBSYNC_METRICS_HOST);
  if (env.SUBSYNC_SHUTDOWN_GRACE_MS) set(['worker', 'shutdownGraceMs'], num(env.SUBSYNC_SHUTDOWN_GRACE_MS, 'SUBSYNC_SHUTDOWN_GRACE_MS'));
  if (env.SUBSYNC_SIMULATORS) set(['simulators', 'enabled'], env.SUBSYNC_SIMULATORS !== 'false' && env.SUBSYNC_SIMULATORS !== '0');
  return o;
}

export function readConfigFile(file: string): Json {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`cannot read config file: ${(err as Error).message}`], file);
  }
  try {
    const parsed = JSON.parse(text);
    if (!isObject(parsed)) throw new Error('the top level must be a JSON object');
    return parsed;
  } catch (err) {
    throw new ConfigError([`not valid JSON: ${(err as Error).message}`], file);
  }
}

/**
 * The defaults without the demo's wiring (its billing systems and platforms at the simulators'
 * ports, the services, watchers, usage billing and notifications on them, the demo credential):
 * what a deployment that turns the simulators off starts from, so nothing of the demo reaches a
 * real installation that forgot to name it. Its config file names its own.
 */
function deploymentDefaults(): Json {
  const defaults = defaultConfig as unknown as Json & { simulators: Json; api: Json & { auth: Json }; usageBilling: Json };
  return {
    ...defaults,
    billing: {},
    platforms: {},
    services: {},
    watch: {},
    notifications: { enabled: false },
    usageBilling: { ...defaults.usageBilling, services: {} },
    simulators: { ...defaults.simulators, enabled: false, seedDemo: false },
    api: { ...defaults.api, auth: { ...defaults.api.auth, demoCredential: false } },
  };
}

/**
 * Defaults ← config file (SUBSYNC_CONFIG, else ./subsync.config.json when present) ← environment
 * ← explicit overrides (tests). The defaults are the demo's (`npm start`) unless the file or the
 * environment turns the simulators off; then they hold no connector, service or schedule of the
 * demo. Throws ConfigError naming every wrong field.
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; overrides?: Json; file?: string } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.SUBSYNC_CONFIG ?? (fs.existsSync('subsync.config.json') ? 'subsync.config.json' : undefined);
  const chosen = merge(file ? readConfigFile(path.resolve(file)) : {}, fromEnv(env));
  const demo = (chosen.simulators as Json | undefined)?.enabled !== false;
  let raw = merge(demo ? (defaultConfig as unknown as Json) : deploymentDefaults(), chosen);
  if (options.overrides) raw = merge(raw, options.overrides);
  const r = configSchema.safeParse(raw);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`), file ?? 'defaults and environment');
  const cfg = r.data;
  // The schema checked every block with its connector's or kind's schema; parse again for their defaults.
  const parseBlock = (block: { kind: string }) => {
    const { kind, ...settings } = block;
    return { kind, settings: (connectorDefinition(kind)!.configSchema as z.ZodType).parse(settings) };
  };
  return {
    ...cfg,
    billing: Object.fromEntries(Object.entries(cfg.billing).map(([k, b]) => [k, parseBlock(b)])),
    platforms: Object.fromEntries(Object.entries(cfg.platforms).map(([k, p]) => [k, parseBlock(p)])),
    services: Object.fromEntries(
      Object.entries(cfg.services).map(([k, block]) => {
        const svc = splitServiceBlock(k, block);
        return [k, { ...svc, settings: serviceKind(svc.kind)!.settingsSchema.parse(svc.settings) }];
      }),
    ),
  };
}
