import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../../operations';
import { workflowIdParamsSchema } from '../operator-schemas';
import { errorBodySchema, jsonResponse } from '../schemas';
import { usageRunRequestSchema, usageRunStartedSchema, usageRunStatusSchema, usageScheduleSchema, usageSummaryListSchema, usageSummaryQuerySchema } from '../session-schemas';

const unavailable = jsonResponse('temporal_unavailable', errorBodySchema);

/** Month-end usage billing: runs (and dry runs), their progress and result, stored summaries, the Schedule. */
export const usageRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.post(
    '/v1/usage/runs',
    {
      schema: {
        summary: 'Start a usage billing run',
        description:
          "Charges every item's (child license's) seconds of the month to the billing account holding its parent, one charge per item with an idempotency key per parent, " +
          'item and month: re-running a month charges nothing twice. Asking again while it runs returns the same run. A dry run charges nothing: its result lists what would be charged.',
        tags: ['usage'],
        body: usageRunRequestSchema,
        response: { 202: jsonResponse('Started (or already running): follow it with GET /v1/usage/runs/{workflowId}', usageRunStartedSchema), 400: jsonResponse('invalid_request', errorBodySchema), 503: unavailable },
      },
    },
    async (request, reply) => reply.code(202).send(await ops.startUsageRun(request.body ?? {})),
  );

  app.get(
    '/v1/usage/runs/:workflowId',
    {
      schema: {
        summary: 'A usage billing run',
        description: 'Progress per parent while it runs, the result (a summary per parent) once completed.',
        tags: ['usage'],
        params: workflowIdParamsSchema,
        response: { 200: usageRunStatusSchema, 404: jsonResponse('not_found', errorBodySchema), 503: unavailable },
      },
    },
    async (request, reply) => {
      const run = await ops.getUsageRun(request.params.workflowId);
      if (!run) return reply.code(404).send({ error: 'not_found', message: `no usage billing run ${request.params.workflowId}` });
      return run;
    },
  );

  app.get(
    '/v1/usage/summaries',
    {
      schema: {
        summary: "A month's stored usage summaries",
        description: 'One per service and parent, as the last run of the month left it.',
        tags: ['usage'],
        querystring: usageSummaryQuerySchema,
        response: { 200: usageSummaryListSchema, 400: jsonResponse('invalid_request', errorBodySchema) },
      },
    },
    async (request) => ops.listUsageSummaries(request.query.month),
  );

  app.get(
    '/v1/usage/schedule',
    {
      schema: {
        summary: 'The month-end usage billing Schedule',
        tags: ['usage'],
        response: { 200: usageScheduleSchema, 404: jsonResponse('not_found: no service is configured for usage billing', errorBodySchema), 503: unavailable },
      },
    },
    async (_request, reply) => {
      const schedule = await ops.getUsageSchedule();
      if (!schedule) return reply.code(404).send({ error: 'not_found', message: 'no usage billing schedule: subsync creates it when it starts with usageBilling.services configured' });
      return schedule;
    },
  );
};
