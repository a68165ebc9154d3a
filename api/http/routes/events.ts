import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertEventPermitted, OperationsFor, requires } from '../auth';
import type { RequestSchemas } from '../request-schemas';
import { AUTH_ERRORS, errorResponses, jsonResponse, submitEventResponseSchema } from '../schemas';

export const eventsPath = '/v1/events';

/** Billing's entry point: one lifecycle event per request, idempotent by its `id`. */
export const eventRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops, schemas }) => {
  app.post(
    eventsPath,
    requires('events:write', {
      summary: 'Submit a lifecycle event',
      description:
        'Queues the event on its subscriber\'s workflow, in arrival order. The same id sent again is answered "duplicate" and has no second effect; ' +
        'the same id with a different body is a 409. With wait=true the answer comes once the event is applied or the timeout ends. ' +
        "The account must have the shape its billing connector declares (both built-in ones: a positive integer without leading zeros). " +
        'A credential whose events:write is narrowed to some event types or billing systems gets a 403 for any other event.',
      tags: ['events'],
      body: schemas.event,
      querystring: schemas.submitEventQuery,
      response: {
        200: jsonResponse('wait=true and the event was applied or skipped', submitEventResponseSchema),
        202: jsonResponse('Accepted (queued, or still running when the wait ended)', submitEventResponseSchema),
        ...errorResponses([400, ...AUTH_ERRORS, 409, 413, 503], { 400: 'invalid_event: issues name each wrong field', 409: 'event_id_conflict: the id was used for a different event' }),
      },
    }),
    async (request, reply) => {
      assertEventPermitted(request, request.body);
      const { wait, timeoutMs } = request.query;
      const result = await ops(request).submitEvent(request.body, { wait, timeoutMs });
      const settled = wait === true && (result.status === 'applied' || result.status === 'skipped');
      return reply.code(settled ? 200 : 202).send(result);
    },
  );
};
