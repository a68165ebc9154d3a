import { z } from 'zod';

/** The `isp-integrator` connector's config block. The token is a secret: it is only sent as a header, never logged. */
export const ispIntegratorConfigSchema = z.object({
  /** Base URL of the ISP-Integrator REST API, e.g. https://integrator.example.net/api. */
  url: z.url(),
  /** API token, sent as `Authorization: Bearer <token>`. */
  token: z.string().min(1),
  /** Per-request timeout; a timeout is a TransientError. */
  timeoutMs: z.number().int().positive().default(10_000),
  /**
   * Our service name → the plans ("Planos e Serviços") whose contracted plans carry it, for
   * services sold as a plan of their own (a software license): each such contracted plan is one
   * of the account's services, its plan id the service's `plan`. TV plans need no entry.
   */
  servicePlans: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
});
export type IspIntegratorConfig = z.output<typeof ispIntegratorConfigSchema>;
