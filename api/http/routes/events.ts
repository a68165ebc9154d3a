import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { lifecycleEventSchema } from '../../../domain/events';
import type { SubsyncOperations } from '../../operations';
import { errorBodySchema, jsonResponse, submitEventQuerySchema, submitEventResponseSchema } from '../schemas';

export const eventsPath = '/v1/events';

/** Billing's entry point: one lifecycle event per request, idempotent by its `id`. */
export const eventRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.post(
    eventsPath,
    {
      schema: {
        summary: 'Submit a lifecycle event',
        description:
          'Queues the event on its subscriber\'s workflow, in arrival order. The same id sent again is answered "duplicate" and has no second effect; ' +
          'the same id with a different body is a 409. With wait=true the answer comes once the event is applied or the timeout ends.',
        tags: ['events'],
        body: lifecycleEventSchema,
        querystring: submitEventQuerySchema,
        response: {
          200: jsonResponse('wait=true and the event was applied or skipped', submitEventResponseSchema),
          202: jsonResponse('Accepted (queued, or still running when the wait ended)', submitEventResponseSchema),
          400: jsonResponse('invalid_event: issues name each wrong field', errorBodySchema),
          409: jsonResponse('event_id_conflict: the id was used for a different event', errorBodySchema),
          503: jsonResponse('temporal_unavailable', errorBodySchema),
        },
      },
    },
    async (request, reply) => {
      const { wait, timeoutMs } = request.query;
      const result = await ops.submitEvent(request.body, { wait, timeoutMs });
      const settled = wait === true && (result.status === 'applied' || result.status === 'skipped');
      return reply.code(settled ? 200 : 202).send(result);
    },
  );
};
