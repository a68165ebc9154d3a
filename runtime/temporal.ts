import fs from 'node:fs';
import { Client, Connection, ConnectionOptions } from '@temporalio/client';
import { NativeConnection, NativeConnectionOptions } from '@temporalio/worker';
import { temporal as proto } from '@temporalio/proto';
import { allSearchAttributes } from '../domain/search-attributes';
import type { Config } from '../config/schema';

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

/**
 * Routes the Temporal SDK's own log lines (worker state, activity failures) into our pino
 * logger. The native runtime can be installed once per process; later calls keep the first.
 */
export function installTemporalLogging(logger: import('./logger').Logger, level: keyof typeof temporalLevels): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Runtime, DefaultLogger } = require('@temporalio/worker') as typeof import('@temporalio/worker');
  const log = logger.child({ component: 'temporal-sdk' });
  try {
    Runtime.install({
      logger: new DefaultLogger(temporalLevels[level], (entry) => {
        const lvl = entry.level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
        log[lvl]({ ...entry.meta }, entry.message);
      }),
    });
  } catch {
    // Already installed by an earlier stack in this process (tests).
  }
}
