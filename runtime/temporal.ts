import fs from 'node:fs';
import net from 'node:net';
import { Client, Connection, ConnectionOptions } from '@temporalio/client';
import { NativeConnection, NativeConnectionOptions } from '@temporalio/worker';
import { temporal as proto } from '@temporalio/proto';
import { allSearchAttributes } from '../domain/search-attributes';
import type { Config } from '../config/schema';
import type { Logger } from '../domain/logger';
import { removeExternalMetrics, setExternalMetrics } from '../metrics';

type TemporalConfig = Config['temporal'] & { address: string };

function tlsOptions(cfg: TemporalConfig): ConnectionOptions['tls'] {
  if (!cfg.tls) return cfg.apiKey ? true : undefined;
  if (cfg.tls === true) return true;
  const read = (p?: string) => (p ? fs.readFileSync(p) : undefined);
  const cert = read(cfg.tls.certPath);
  const key = read(cfg.tls.keyPath);
  return {
    serverNameOverride: cfg.tls.serverName,
    serverRootCACertificate: read(cfg.tls.caPath),
    clientCertPair: cert && key ? { crt: cert, key } : undefined,
  };
}

/** Client connection to the configured cluster (dev server, self-hosted or Temporal Cloud with TLS/API key). */
export async function connectClient(cfg: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect({ address: cfg.address, tls: tlsOptions(cfg), apiKey: cfg.apiKey });
  return new Client({ connection, namespace: cfg.namespace });
}

export async function connectWorker(cfg: TemporalConfig): Promise<NativeConnection> {
  return NativeConnection.connect({ address: cfg.address, tls: tlsOptions(cfg) as NativeConnectionOptions['tls'], apiKey: cfg.apiKey });
}

const typeNames: Record<string, proto.api.enums.v1.IndexedValueType> = {
  KEYWORD: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  TEXT: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  BOOL: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  INT: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  DATETIME: proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** Registers our custom search attributes if the namespace lacks them (idempotent, any cluster). */
export async function ensureSearchAttributes(client: Client, namespace: string): Promise<string[]> {
  const existing = await client.connection.operatorService.listSearchAttributes({ namespace });
  const have = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = allSearchAttributes.filter((a) => !have.has(a.name));
  if (missing.length === 0) return [];
  await client.connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((a) => [a.name, typeNames[a.type]])),
  });
  // Visibility picks new attributes up asynchronously; wait until they are listed.
  for (let i = 0; i < 50; i++) {
    const now = await client.connection.operatorService.listSearchAttributes({ namespace });
    if (missing.every((a) => a.name in (now.customAttributes ?? {}))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return missing.map((a) => a.name);
}

const temporalLevels = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR', fatal: 'ERROR', silent: 'ERROR' } as const;

export interface TemporalRuntimeOptions {
  logger: Logger;
  level: keyof typeof temporalLevels;
  /** Run the SDK's Prometheus exporter on a free local port and append its metrics to ours (default true). */
  metrics?: boolean;
}

/**
 * Installs the Temporal SDK's native runtime once per process, before any worker connection:
 * its log lines (worker state, activity failures, and the native core's own, which would
 * otherwise go straight to the console) go to our pino logger, and its metrics (task latencies,
 * pollers, slots, schedule-to-start...) to a Prometheus exporter whose text our /metrics appends.
 * A runtime that shut down (every connection closed, as between test stacks) is installed anew.
 */
export async function installTemporalRuntime(options: TemporalRuntimeOptions): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Runtime, DefaultLogger } = require('@temporalio/worker') as typeof import('@temporalio/worker');
  if (Runtime._instance) return; // already running: its logger and exporter stay
  const log = options.logger.child({ component: 'temporal-sdk' });
  const bindAddress = options.metrics === false ? undefined : `127.0.0.1:${await freeLocalPort()}`;
  try {
    Runtime.install({
      logger: new DefaultLogger(temporalLevels[options.level], (entry) => {
        const lvl = entry.level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
        // The task token is an opaque blob nobody reads; it only makes lines long.
        const { taskToken: _taskToken, ...meta } = entry.meta ?? {};
        log[lvl](meta, entry.message);
      }),
      telemetryOptions: {
        logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
        ...(bindAddress && { metrics: { prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true, unitSuffix: true } } }),
      },
    });
  } catch (err) {
    // Another part of this process created the runtime first (a worker started before the stack).
    log.warn({ err }, 'Temporal runtime already installed; its logs and metrics stay where it sends them');
    return;
  }
  if (bindAddress) setExternalMetrics('temporal', () => readText(`http://${bindAddress}/metrics`));
  else removeExternalMetrics('temporal');
}

/** A port nobody listens on right now (the SDK's exporter cannot bind port 0 and say which it got). */
async function freeLocalPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function readText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}
