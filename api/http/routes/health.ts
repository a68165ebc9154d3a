import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../../operations';
import { errorBodySchema, jsonResponse, healthReportSchema } from '../schemas';

/** For load balancers and operators: 200 when Temporal, the store and every connector answer. */
export const healthRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Health of Temporal, the store and each connector',
        tags: ['ops'],
        response: {
          200: healthReportSchema,
          503: jsonResponse('Something is down: the report says what', z.union([healthReportSchema, errorBodySchema])),
        },
      },
    },
    async (_request, reply) => {
      const report = await ops.health();
      return reply.code(report.ok ? 200 : 503).send(report);
    },
  );
};
