import { z } from 'zod';

/** One INFORMATICS SAP module receiver's config block. */
export const informaticsSapConfigSchema = z.object({
  /** The receiver's SOAP endpoint; its WSDL is read from `${url}?wsdl`. */
  url: z.url(),
  /** Where to read the WSDL instead: a URL or a file path. */
  wsdl: z.string().min(1).optional(),
  /** HTTP Basic credentials. Never logged. */
  credentials: z.object({ user: z.string().min(1), password: z.string().min(1) }),
  /** Per-call timeout (also for the WSDL fetch). */
  timeoutMs: z.number().int().positive().default(10_000),
});
export type InformaticsSapConfig = z.output<typeof informaticsSapConfigSchema>;
export type InformaticsSapConfigInput = z.input<typeof informaticsSapConfigSchema>;
