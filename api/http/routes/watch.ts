import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../../operations';
import { accountObservationSchema, errorBodySchema, jsonResponse, subscriberParamsSchema } from '../schemas';

/** A hook's way to report a change under the id the billing watcher gives it. */
export const watchRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.post(
    '/v1/watch/:billing/:account',
    {
      schema: {
        summary: 'Look at one billing account now, as the watcher does',
        description:
          "Reads the account from billing and compares it with what the watcher recorded last. A change nobody recorded yet is sent as a lifecycle event and recorded, " +
          "exactly as the watcher's next poll would. The answer's stamp is that of the account's current state: an event with the id <billing>:<account>:<type>:<stamp> " +
          'is the same event the watcher sends (or sent) for the change, so a hook and the watcher reporting it have one effect (`subsync event <type> --stamp-from-billing`).',
        tags: ['events'],
        params: subscriberParamsSchema,
        response: {
          200: accountObservationSchema,
          400: jsonResponse('invalid_request: no such billing system, or an account id it cannot have', errorBodySchema),
          502: jsonResponse('upstream_error: billing refused the read', errorBodySchema),
          503: jsonResponse('upstream_unavailable or temporal_unavailable', errorBodySchema),
        },
      },
    },
    async (request) => ops.observeAccount(request.params.billing, request.params.account),
  );
};
