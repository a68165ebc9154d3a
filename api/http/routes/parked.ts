import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../../operations';
import { errorBodySchema, jsonResponse, parkedListSchema } from '../schemas';

/** Every subscriber whose command waits for an operator. */
export const parkedRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.get(
    '/v1/parked',
    {
      schema: {
        summary: 'Parked commands',
        description: 'Subscribers whose current command failed permanently and waits for retry or skip.',
        tags: ['operators'],
        response: { 200: parkedListSchema, 503: jsonResponse('temporal_unavailable', errorBodySchema) },
      },
    },
    async () => ops.listParked(),
  );
};
