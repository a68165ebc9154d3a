import { z } from 'zod';

/**
 * Fault injection shared by every simulator. A fault applies to every operation, or to
 * one named operation (a SOAP method, a REST operation id), for a number of requests
 * (`times`) or until cleared. Tests and operators set faults over the admin endpoint.
 */
export const faultSchema = z.discriminatedUnion('kind', [
  /** The service port refuses connections (the listener is closed). */
  z.object({ kind: z.literal('down') }),
  /** Answer with this HTTP status (5xx for outages, 4xx for rejections). */
  z.object({ kind: z.literal('status'), status: z.number().int().min(400).max(599), operation: z.string().optional(), times: z.number().int().positive().optional() }),
  /** Delay the answer. */
  z.object({ kind: z.literal('latency'), ms: z.number().int().nonnegative(), operation: z.string().optional(), times: z.number().int().positive().optional() }),
  /** Accept the request and never answer. */
  z.object({ kind: z.literal('timeout'), operation: z.string().optional(), times: z.number().int().positive().optional() }),
  /** 429 with a Retry-After header. */
  z.object({ kind: z.literal('rate_limit'), retryAfterSeconds: z.number().nonnegative(), operation: z.string().optional(), times: z.number().int().positive().optional() }),
  /** A protocol-level error for one operation: a SOAP Fault, or a JSON error body with `status`. */
  z.object({ kind: z.literal('fault'), operation: z.string(), code: z.string().default('Server'), message: z.string().default('injected fault'), status: z.number().int().default(500), times: z.number().int().positive().optional() }),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

/** What the transport should do with one request. */
export type FaultDecision =
  | { action: 'pass'; delayMs: number }
  | { action: 'status'; status: number; delayMs: number }
  | { action: 'timeout' }
  | { action: 'rate_limit'; retryAfterSeconds: number; delayMs: number }
  | { action: 'fault'; code: string; message: string; status: number; delayMs: number };

interface ActiveFault { id: number; fault: Fault; remaining?: number }

export class FaultController {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  /** Called when the 'down' fault is added or removed, so the transport can close or reopen its listener. */
  onDownChange?: (down: boolean) => Promise<void> | void;
  readonly requests: { operation: string; at: number; decision: FaultDecision['action'] }[] = [];

  async add(input: FaultInput): Promise<number> {
    const fault = faultSchema.parse(input);
    const id = this.nextId++;
    this.faults.push({ id, fault, remaining: 'times' in fault ? fault.times : undefined });
    if (fault.kind === 'down') await this.onDownChange?.(true);
    return id;
  }

  async clear(id?: number): Promise<void> {
    const wasDown = this.isDown();
    this.faults = id === undefined ? [] : this.faults.filter((f) => f.id !== id);
    if (wasDown && !this.isDown()) await this.onDownChange?.(false);
  }

  list(): { id: number; fault: Fault; remaining?: number }[] {
    return this.faults.map((f) => ({ ...f }));
  }

  isDown(): boolean {
    return this.faults.some((f) => f.fault.kind === 'down');
  }

  /** Decides the fate of one request to `operation` and consumes counted faults. */
  decide(operation: string): FaultDecision {
    let delayMs = 0;
    let decision: FaultDecision | undefined;
    for (const active of [...this.faults]) {
      const f = active.fault;
      if (f.kind === 'down') continue;
      if (f.operation !== undefined && f.operation !== operation) continue;
      if (f.kind === 'latency') {
        delayMs += f.ms;
        this.consume(active);
        continue;
      }
      if (decision) continue;
      this.consume(active);
      if (f.kind === 'status') decision = { action: 'status', status: f.status, delayMs: 0 };
      else if (f.kind === 'timeout') decision = { action: 'timeout' };
      else if (f.kind === 'rate_limit') decision = { action: 'rate_limit', retryAfterSeconds: f.retryAfterSeconds, delayMs: 0 };
      else decision = { action: 'fault', code: f.code, message: f.message, status: f.status, delayMs: 0 };
    }
    const final: FaultDecision = decision ? ('delayMs' in decision ? { ...decision, delayMs } : decision) : { action: 'pass', delayMs };
    this.requests.push({ operation, at: Date.now(), decision: final.action });
    if (this.requests.length > 1000) this.requests.splice(0, this.requests.length - 1000);
    return final;
  }

  private consume(active: ActiveFault): void {
    if (active.remaining === undefined) return;
    active.remaining -= 1;
    if (active.remaining <= 0) this.faults = this.faults.filter((f) => f.id !== active.id);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
