import { z } from 'zod';

/** A vendor's refusal as a SOAP simulator throws it: node-soap's server writes what `toNodeSoap` gives as a SOAP 1.1 Fault. */
export interface VendorFault extends Error {
  toNodeSoap(): { Fault: Record<string, unknown> };
}

export interface VendorFaults<F extends VendorFault> {
  /** The vendor's fault class: what a handler throws on purpose. */
  fault: abstract new (...args: never[]) => F;
  /** The vendor's fault for a bug of the simulator (message "Internal error: …"). */
  internal: (message: string) => F;
  /** The vendor's fault for a bad argument, naming its wire path. */
  invalid: (field: string, why: string) => F;
}

/**
 * What every SOAP simulator's operation handlers share, in the vendor's own faults: arguments
 * checked with zod (the first issue becomes the "invalid value" fault naming the field), and a
 * handler body whose failure becomes the Fault node-soap writes.
 */
export function soapHandlers<F extends VendorFault>(vendor: VendorFaults<F>) {
  return {
    parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
      const parsed = schema.safeParse(args ?? {});
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0]!;
      throw vendor.invalid(issue.path.join('.') || '(request)', issue.message);
    },
    /** Runs a handler body and turns its failure into the Fault node-soap serialises. */
    answer<T>(run: () => T): T {
      try {
        return run();
      } catch (err) {
        const fault = err instanceof vendor.fault ? err : vendor.internal(`Internal error: ${err instanceof Error ? err.message : String(err)}`);
        throw fault.toNodeSoap();
      }
    },
  };
}
