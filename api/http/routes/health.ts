import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OperationsFor, requires } from '../auth';
import { errorBodySchema, errorResponses, healthReportSchema, healthSummarySchema, jsonResponse } from '../schemas';

/**
 * For load balancers and operators: 200 when Temporal, the store and every connector answer.
 * Without a credential it is a liveness probe that says only `ok`; the report naming each
 * component (and so the configuration) needs the health:read scope.
 */
export const healthRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor }> = async (app, { ops }) => {
  app.get(
    '/healthz',
    requires(
      'health:read',
      {
        summary: 'Health of Temporal, the store and each connector',
        description: 'Without a credential: only { ok }. With a credential holding health:read: the report of each component.',
        tags: ['ops'],
        response: {
          200: jsonResponse('Everything answers: the report, or { ok } without a credential', z.union([healthReportSchema, healthSummarySchema])),
          503: jsonResponse(
            'Something is down: the report says what ({ ok: false } without a credential); or the health check itself failed (Error)',
            z.union([healthReportSchema, healthSummarySchema, errorBodySchema]),
          ),
          ...errorResponses([401, 403, 429] as const),
        },
      },
      { anonymous: true },
    ),
    async (request, reply) => {
      const report = await ops(request).health();
      return reply.code(report.ok ? 200 : 503).send(request.credential ? report : { ok: report.ok });
    },
  );
};
