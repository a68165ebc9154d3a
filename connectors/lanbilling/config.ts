import { z } from 'zod';

/** One LANBilling instance's config block. */
export const lanbillingConfigSchema = z.object({
  /** api3 endpoint, e.g. http://billing:34012/ (the simulator serves its WSDL at `${url}?wsdl`). */
  url: z.url(),
  /** Where to read the WSDL: a URL or a file path (a real core ships api3.wsdl as a file). Default `${url}?wsdl`. */
  wsdl: z.string().min(1).optional(),
  /** Manager login and password for Login. */
  login: z.string().min(1),
  password: z.string().min(1),
  /** Per-call timeout. */
  timeoutMs: z.number().int().positive().default(10_000),
  /** Vgroup addon field holding the platform login that links accounts to profiles. */
  loginAddonField: z.string().min(1).default('isvyaz_login'),
  /** Read the address/apartment label from this vgroup addon field instead of the vgroup's own address. */
  addressAddonField: z.string().min(1).optional(),
  /**
   * Our service name → the usbox service's category: `catidx` (category index within the tariff,
   * as api3 numbers them) and optionally `tarid` when only that tariff's category counts.
   */
  serviceCategories: z
    .record(z.string().min(1), z.object({ catidx: z.number().int().nonnegative(), tarid: z.number().int().positive().optional() }).strict())
    .default({ intercom: { catidx: 1 } }),
  /** Page size for listAccounts. */
  pageSize: z.number().int().positive().default(500),
});
export type LanbillingConfig = z.output<typeof lanbillingConfigSchema>;
export type LanbillingConfigInput = z.input<typeof lanbillingConfigSchema>;
