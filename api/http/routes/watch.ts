import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertWatchPermitted, OperationsFor, requires } from '../auth';
import type { RequestSchemas } from '../request-schemas';
import { accountObservationSchema, AUTH_ERRORS, errorBodySchema, errorResponses, jsonResponse } from '../schemas';

/** A hook's way to report a change under the id the billing watcher gives it. */
export const watchRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops, schemas }) => {
  app.post(
    '/v1/watch/:billing/:account',
    requires('events:write', {
      summary: 'Look at one billing account now, as the watcher does',
      description:
        "Reads the account from billing and compares it with what the watcher recorded last. A change nobody recorded yet is sent as a lifecycle event and recorded, " +
        "exactly as the watcher's next poll would. The answer's stamp is that of the account's current state: an event with the id <billing>:<account>:<type>:<stamp> " +
        'is the same event the watcher sends (or sent) for the change, so a hook and the watcher reporting it have one effect (`subsync event <type> --stamp-from-billing`). ' +
        'It may send any event type, so events:write narrowed to some types, or to other billing systems, is refused (403).',
      tags: ['events'],
      params: schemas.subscriberParams,
      response: {
        200: accountObservationSchema,
        ...errorResponses([400, ...AUTH_ERRORS]),
        502: jsonResponse('upstream_error: billing refused the read', errorBodySchema),
        503: jsonResponse('upstream_unavailable or temporal_unavailable', errorBodySchema),
      },
    }),
    async (request) => {
      assertWatchPermitted(request, request.params.billing);
      return ops(request).observeAccount(request.params.billing, request.params.account);
    },
  );
};
