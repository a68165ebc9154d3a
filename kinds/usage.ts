import type { SessionContext } from './sessions';

/**
 * What a service kind offers when its platform meters use (seconds of sessions) that subsync
 * bills at month end: per-resource totals under a parent (e.g. every child license of a parent
 * license) for a period, paged. The usage billing workflow stays generic: it asks the kind of
 * the service it bills.
 */
export interface UsageTotal {
  /** The platform's id of the resource that was used (a child license number). */
  resourceId: string;
  sessions: number;
  seconds: number;
}

export interface UsageSource<Settings = unknown> {
  totals(
    ctx: SessionContext,
    settings: Settings,
    input: { parent: string; from: string; to: string; cursor?: string; limit: number },
  ): Promise<{ items: UsageTotal[]; nextCursor?: string }>;
}
