import { z } from 'zod';
import { CmLcFault } from './cmlc-fault';
import type { LicenseCentralStore } from './store';

/**
 * The simulator's seed format: the items configured in the Admin interface (firm code, product
 * code, expiry rule) and tickets as orders placed through Sales, optionally with licenses
 * already activated into containers. Documented with an example in README.md.
 */
export const TICKET_PATTERN = /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/;
export const CONTAINER_SERIAL_PATTERN = /^\d{1,5}-\d{1,10}$/;

const isoDate = z.iso.datetime({ offset: true });

const seedItem = z.object({
  firmCode: z.number().int().positive(),
  productCode: z.number().int().nonnegative(),
  name: z.string().min(1),
  expiry: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('fixed'), date: isoDate }),
      z.object({ kind: z.literal('days_after_first_activation'), days: z.number().int().positive() }),
    ])
    .default({ kind: 'none' }),
});

const seedTicket = z.object({
  ticket: z.string().regex(TICKET_PATTERN, 'expected five groups of five letters/digits, e.g. ABCDE-FGHIJ-KLMNO-PQRST-UVWXY').optional(),
  orderNumber: z.string().min(1),
  customer: z.object({ customerNumber: z.string().min(1), name: z.string().optional(), email: z.string().optional() }).optional(),
  disabled: z.boolean().default(false),
  lines: z
    .array(z.object({ position: z.string().min(1), firmCode: z.number().int(), productCode: z.number().int(), quantity: z.number().int().positive().default(1) }))
    .min(1),
  /** Licenses of a position already activated (and confirmed) in a container, the first free ones first. */
  activations: z
    .array(z.object({ position: z.string().min(1), containerSerial: z.string().regex(CONTAINER_SERIAL_PATTERN, 'expected mask-number, e.g. 130-1234567'), at: isoDate.optional(), count: z.number().int().positive().default(1) }))
    .default([]),
});

export const licenseCentralSeedSchema = z.object({
  items: z.array(seedItem).default([]),
  tickets: z.array(seedTicket).default([]),
});
export type LicenseCentralSeed = z.input<typeof licenseCentralSeedSchema>;

export function applySeed(store: LicenseCentralStore, data: unknown): void {
  const parsed = licenseCentralSeedSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw Object.assign(new Error(`${issue.path.join('.') || '(seed)'}: ${issue.message}`), { statusCode: 400 });
  }
  const seed = parsed.data;
  for (const item of seed.items) store.addItem(item);
  seed.tickets.forEach((t, index) => {
    try {
      const { ticket } = store.placeOrder({ orderNumber: t.orderNumber, lines: t.lines, ...(t.customer ? { customer: t.customer } : {}), ...(t.ticket ? { ticket: t.ticket } : {}) });
      for (const activation of t.activations) {
        const position = ticket.positions.find((p) => p.position === activation.position);
        if (!position) throw new CmLcFault('InvalidRequest', `activations: no position ${activation.position} on this ticket`, activation.position);
        const free = position.licenseNumbers.filter((n) => store.licenses.get(n)!.state === 'NotCollected').slice(0, activation.count);
        if (free.length < activation.count) throw new CmLcFault('InvalidRequest', `activations: position ${activation.position} has only ${free.length} free licenses`, activation.position);
        for (const number of free) store.seedActivation(number, activation.containerSerial, activation.at ? Date.parse(activation.at) : undefined);
      }
      if (t.disabled) store.setDisabled(ticket.ticket, true);
    } catch (err) {
      throw Object.assign(new Error(`tickets.${index}: ${err instanceof Error ? err.message : String(err)}`), { statusCode: 400 });
    }
  });
}
