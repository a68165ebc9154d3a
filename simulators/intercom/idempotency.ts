import { ApiError } from './directory';

export interface WriteResult {
  status: number;
  body?: unknown;
}

/**
 * Idempotency-Key handling as payment APIs do it: the first successful response to a key is
 * stored and replayed for the same request; reusing the key for a different request is a 422.
 * Failed writes are not stored: they changed nothing, so a retry runs afresh. Keys live until
 * reset (a real platform would expire them after a day or so).
 */
export class IdempotencyStore {
  private entries = new Map<string, { fingerprint: string; result: WriteResult }>();

  run(key: string | undefined, fingerprint: string, write: () => WriteResult): WriteResult & { replayed: boolean } {
    if (key === undefined) return { ...write(), replayed: false };
    const stored = this.entries.get(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(422, 'idempotency_key_reused', `Idempotency-Key "${key}" was already used for a different request`, 'Idempotency-Key');
      }
      return { ...structuredClone(stored.result), replayed: true };
    }
    const result = write();
    // A snapshot: later changes to the entity must not alter what a replay answers.
    this.entries.set(key, { fingerprint, result: structuredClone(result) });
    return { ...result, replayed: false };
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Method, path and body with sorted keys: the same request serialised differently is still the same request. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return `${method} ${url} ${stableJson(body)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
