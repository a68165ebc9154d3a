import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OperationsFor, requires } from '../auth';
import type { RequestSchemas } from '../request-schemas';
import { AUTH_ERRORS, errorBodySchema, errorResponses, jsonResponse } from '../schemas';
import { usageRunRequestSchema, usageRunStartedSchema, usageRunStatusSchema, usageScheduleSchema, usageSummaryListSchema, usageSummaryQuerySchema } from '../session-schemas';

const unavailable = jsonResponse('temporal_unavailable', errorBodySchema);

/** Month-end usage billing: runs (and dry runs), their progress and result, stored summaries, the Schedule. */
export const usageRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops, schemas }) => {
  app.post(
    '/v1/usage/runs',
    requires('usage:run', {
      summary: 'Start a usage billing run',
      description:
        "Charges every item's (child license's) seconds of the month to the billing account holding its parent, one charge per item with an idempotency key per parent, " +
        'item and month: re-running a month charges nothing twice. Asking again while it runs returns the same run. A dry run charges nothing: its result lists what would be charged.',
      tags: ['usage'],
      body: usageRunRequestSchema,
      response: { 202: jsonResponse('Started (or already running): follow it with GET /v1/usage/runs/{workflowId}', usageRunStartedSchema), ...errorResponses([400, ...AUTH_ERRORS, 413]), 503: unavailable },
    }),
    async (request, reply) => reply.code(202).send(await ops(request).startUsageRun(request.body)),
  );

  app.get(
    '/v1/usage/runs/:workflowId',
    requires('usage:run', {
      summary: 'A usage billing run',
      description: 'Progress per parent while it runs, the result (a summary per parent) once completed.',
      tags: ['usage'],
      params: schemas.workflowIdParams,
      response: { 200: usageRunStatusSchema, ...errorResponses([400, ...AUTH_ERRORS, 404]), 503: unavailable },
    }),
    async (request, reply) => {
      const run = await ops(request).getUsageRun(request.params.workflowId);
      if (!run) return reply.code(404).send({ error: 'not_found', message: `no usage billing run ${request.params.workflowId}` });
      return run;
    },
  );

  app.get(
    '/v1/usage/summaries',
    requires('usage:run', {
      summary: "A month's stored usage summaries",
      description: 'One per service and parent, as the last run of the month left it.',
      tags: ['usage'],
      querystring: usageSummaryQuerySchema,
      response: { 200: usageSummaryListSchema, ...errorResponses([400, ...AUTH_ERRORS]) },
    }),
    async (request) => ops(request).listUsageSummaries(request.query.month),
  );

  app.get(
    '/v1/usage/schedule',
    requires('usage:run', {
      summary: 'The month-end usage billing Schedule',
      tags: ['usage'],
      response: { 200: usageScheduleSchema, ...errorResponses([...AUTH_ERRORS]), 404: jsonResponse('not_found: no service is configured for usage billing', errorBodySchema), 503: unavailable },
    }),
    async (request, reply) => {
      const schedule = await ops(request).getUsageSchedule();
      if (!schedule) return reply.code(404).send({ error: 'not_found', message: 'no usage billing schedule: subsync creates it when it starts with usageBilling.services configured' });
      return schedule;
    },
  );
};
