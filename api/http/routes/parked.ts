import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OperationsFor, requires } from '../auth';
import { AUTH_ERRORS, errorResponses, parkedListSchema } from '../schemas';

/** Every subscriber whose command waits for an operator. */
export const parkedRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor }> = async (app, { ops }) => {
  app.get(
    '/v1/parked',
    requires('subscribers:read', {
      summary: 'Parked commands',
      description: 'Subscribers whose current command failed permanently and waits for retry or skip.',
      tags: ['operators'],
      response: { 200: parkedListSchema, ...errorResponses([...AUTH_ERRORS, 503]) },
    }),
    async (request) => ops(request).listParked(),
  );
};
