import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../../operations';
import { reconcileRequestSchema, reconcileRunSchema, waitQuerySchema, workflowIdParamsSchema } from '../operator-schemas';
import { errorBodySchema, jsonResponse } from '../schemas';

/** `subsync reconcile`: compare billing with the platforms for one account or the fleet; report or repair. */
export const reconcileRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.post(
    '/v1/reconciliations',
    {
      schema: {
        summary: 'Start a reconcile run',
        description:
          'Compares packages and points in billing with each platform, for one account or every account. A dry run (repair=false, the default) only ' +
          'reports the drift; repair sends each drifted account\'s workflow a sync event. With wait=true the answer comes once the run completed or the timeout ends.',
        tags: ['reconcile'],
        body: reconcileRequestSchema,
        querystring: waitQuerySchema,
        response: {
          200: jsonResponse('wait=true and the run completed (or failed): the summary or the failure', reconcileRunSchema),
          202: jsonResponse('Started (or still running when the wait ended): the totals so far', reconcileRunSchema),
          400: jsonResponse('invalid_request: e.g. no such billing system', errorBodySchema),
          503: jsonResponse('temporal_unavailable', errorBodySchema),
        },
      },
    },
    async (request, reply) => {
      const run = await ops.reconcile(request.body, { wait: request.query.wait, timeoutMs: request.query.timeoutMs });
      return reply.code(run.status === 'RUNNING' ? 202 : 200).send(run);
    },
  );

  app.get(
    '/v1/reconciliations/:workflowId',
    {
      schema: {
        summary: 'A reconcile run',
        description: 'Its status; the totals so far while it runs, the summary once completed.',
        tags: ['reconcile'],
        params: workflowIdParamsSchema,
        response: { 200: reconcileRunSchema, 404: jsonResponse('not_found', errorBodySchema), 503: jsonResponse('temporal_unavailable', errorBodySchema) },
      },
    },
    async (request, reply) => {
      const run = await ops.getReconciliation(request.params.workflowId);
      if (!run) return reply.code(404).send({ error: 'not_found', message: `no reconcile run ${request.params.workflowId}` });
      return run;
    },
  );
};
