import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OperationsFor, requires } from '../auth';
import { reconcileRunSchema } from '../operator-schemas';
import type { RequestSchemas } from '../request-schemas';
import { AUTH_ERRORS, errorResponses, jsonResponse } from '../schemas';

/** `subsync reconcile`: compare billing with the platforms for one account or the fleet; report or repair. */
export const reconcileRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops, schemas }) => {
  app.post(
    '/v1/reconciliations',
    requires('reconcile:run', {
      summary: 'Start a reconcile run',
      description:
        'Compares packages and points in billing with each platform, for one account or every account. A dry run (repair=false, the default) only ' +
        "reports the drift; repair sends each drifted account's workflow a sync event. With wait=true the answer comes once the run completed or the timeout ends. " +
        'A run that ended also lists subscriber workflows that reach one billing account under different spellings (duplicates).',
      tags: ['reconcile'],
      body: schemas.reconcileRequest,
      querystring: schemas.waitQuery,
      response: {
        200: jsonResponse('wait=true and the run completed (or failed): the summary or the failure', reconcileRunSchema),
        202: jsonResponse('Started (or still running when the wait ended): the totals so far', reconcileRunSchema),
        ...errorResponses([400, ...AUTH_ERRORS, 413, 503]),
      },
    }),
    async (request, reply) => {
      const run = await ops(request).reconcile(request.body, { wait: request.query.wait, timeoutMs: request.query.timeoutMs });
      return reply.code(run.status === 'RUNNING' ? 202 : 200).send(run);
    },
  );

  app.get(
    '/v1/reconciliations/:workflowId',
    requires('reconcile:run', {
      summary: 'A reconcile run',
      description: 'Its status; the totals so far while it runs, the summary (and duplicates) once completed.',
      tags: ['reconcile'],
      params: schemas.workflowIdParams,
      response: { 200: reconcileRunSchema, ...errorResponses([400, ...AUTH_ERRORS, 404, 503]) },
    }),
    async (request, reply) => {
      const run = await ops(request).getReconciliation(request.params.workflowId);
      if (!run) return reply.code(404).send({ error: 'not_found', message: `no reconcile run ${request.params.workflowId}` });
      return run;
    },
  );
};
