import { z } from 'zod';

/** One License Central instance's config block. */
export const licenseCentralConfigSchema = z.object({
  /**
   * Base of the CmLC-API, e.g. https://lc.example/cmlc. The WSDL is read from `${url}?wsdl`; the
   * Admin, Sales and Depot interfaces are wherever that WSDL's service locations say.
   */
  url: z.url(),
  /** Where to read the WSDL instead: a URL or a file path. */
  wsdl: z.string().min(1).optional(),
  /** The License Central user subsync acts as (HTTP Basic). Never logged. */
  credentials: z.object({ user: z.string().min(1), password: z.string().min(1) }),
  /** Per-call timeout (also for the WSDL fetch). */
  timeoutMs: z.number().int().positive().default(10_000),
  /** Changes per page when the caller names no limit (the API allows 1..1000). */
  pageSize: z.number().int().min(1).max(1000).default(100),
});
export type LicenseCentralConfig = z.output<typeof licenseCentralConfigSchema>;
export type LicenseCentralConfigInput = z.input<typeof licenseCentralConfigSchema>;
