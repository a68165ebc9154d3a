import { z } from 'zod';

/**
 * License Central's own failure modes, on top of the shared fault kit (down, 5xx, latency,
 * timeout, 429, any SOAP Fault). Each answers the way the real server would when that thing
 * happens, so code above the connector can be tested against it without arranging the data:
 * a `fault` of the kit only knows HTTP and faultcodes, these know tickets and containers.
 * Set over `POST /_admin/faults` on the service port or `sim.lcFaults.add()`.
 */
const times = z.number().int().positive().optional();
const feed = z.enum(['orders', 'licenses', 'activations']);

export const lcFaultSchema = z.discriminatedUnion('kind', [
  /** Every call is refused as if the credentials were wrong. */
  z.object({ kind: z.literal('credentials_rejected'), times }),
  /** PlaceOrder answers UnknownItem for this item (any item when firm/product code are absent). */
  z.object({ kind: z.literal('unknown_item'), firmCode: z.number().int().optional(), productCode: z.number().int().optional(), times }),
  /** ActivateLicenses answers LicenseAlreadyActivated. */
  z.object({ kind: z.literal('ticket_already_activated'), times }),
  /** The container's context does not match License Central's record ("manipulation detected"). */
  z.object({
    kind: z.literal('container_mismatch'),
    operation: z.enum(['ActivateLicenses', 'ReturnLicenses', 'UpdateContainer', 'ConfirmReceipt']).optional(),
    times,
  }),
  /** PlaceOrder fails this position (the last one that would create licenses when absent) after the others went through. */
  z.object({ kind: z.literal('partial_order'), position: z.string().optional(), times }),
  /** The next page of the feed also reports again the last change before the cursor (same change id). */
  z.object({ kind: z.literal('duplicate_change'), feed: feed.optional(), times }),
]);
export type LcFault = z.infer<typeof lcFaultSchema>;
export type LcFaultInput = z.input<typeof lcFaultSchema>;

interface Active { id: number; fault: LcFault; remaining?: number }

export class LcFaultController {
  private active: Active[] = [];
  private nextId = 1;

  add(input: LcFaultInput): number {
    const fault = lcFaultSchema.parse(input);
    const id = this.nextId++;
    this.active.push({ id, fault, remaining: fault.times });
    return id;
  }

  clear(id?: number): void {
    this.active = id === undefined ? [] : this.active.filter((a) => a.id !== id);
  }

  list(): { id: number; fault: LcFault; remaining?: number }[] {
    return this.active.map((a) => ({ ...a }));
  }

  /** The first active fault of this kind that `matches`, consumed once; undefined when none applies. */
  take<K extends LcFault['kind']>(kind: K, matches: (fault: Extract<LcFault, { kind: K }>) => boolean = () => true): Extract<LcFault, { kind: K }> | undefined {
    const found = this.active.find((a) => a.fault.kind === kind && matches(a.fault as Extract<LcFault, { kind: K }>));
    if (!found) return undefined;
    if (found.remaining !== undefined) {
      found.remaining -= 1;
      if (found.remaining <= 0) this.active = this.active.filter((a) => a !== found);
    }
    return found.fault as Extract<LcFault, { kind: K }>;
  }
}
