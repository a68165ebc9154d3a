import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../../operations';
import {
  backfillRequestSchema,
  backfillResponseSchema,
  invoicingRunRequestSchema,
  invoicingRunStartedSchema,
  invoicingRunStatusSchema,
  invoicingScheduleSchema,
  scheduleNoteBodySchema,
  triggerResponseSchema,
  workflowIdParamsSchema,
} from '../operator-schemas';
import { errorBodySchema, jsonResponse } from '../schemas';

const unavailable = jsonResponse('temporal_unavailable', errorBodySchema);
const noSchedule = jsonResponse('not_found: the Schedule was never created (subsync creates it at start)', errorBodySchema);

/** Monthly TV invoicing (Faturamento TV): direct runs, and the Temporal Schedule that runs it each month. */
export const invoicingRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.post(
    '/v1/invoicing/runs',
    {
      schema: {
        summary: 'Start a TV invoicing run',
        description:
          'Creates a Pending TV billing event for every customer plan with charged extra packages, for one due date. Re-running a due date creates ' +
          'nothing twice; asking again while it runs returns the same run. A dry run saves nothing: its result lists what would be created.',
        tags: ['invoicing'],
        body: invoicingRunRequestSchema,
        response: {
          202: jsonResponse('Started (or already running): follow it with GET /v1/invoicing/runs/{workflowId}', invoicingRunStartedSchema),
          400: jsonResponse('invalid_request', errorBodySchema),
          503: unavailable,
        },
      },
    },
    async (request, reply) => reply.code(202).send(await ops.startInvoicingRun(request.body ?? {})),
  );

  app.get(
    '/v1/invoicing/runs/:workflowId',
    {
      schema: {
        summary: 'A TV invoicing run',
        description: 'Progress while it runs (also while it tracks Pending → Processed), the result once completed.',
        tags: ['invoicing'],
        params: workflowIdParamsSchema,
        response: { 200: invoicingRunStatusSchema, 404: jsonResponse('not_found', errorBodySchema), 503: unavailable },
      },
    },
    async (request, reply) => {
      const run = await ops.getInvoicingRun(request.params.workflowId);
      if (!run) return reply.code(404).send({ error: 'not_found', message: `no TV invoicing run ${request.params.workflowId}` });
      return run;
    },
  );

  app.get(
    '/v1/invoicing/schedule',
    {
      schema: {
        summary: 'The monthly invoicing Schedule',
        description: 'Calendar, time zone, paused or not (and why), next and recent runs.',
        tags: ['invoicing'],
        response: { 200: invoicingScheduleSchema, 404: noSchedule, 503: unavailable },
      },
    },
    async (_request, reply) => {
      const schedule = await ops.getInvoicingSchedule();
      if (!schedule) return reply.code(404).send({ error: 'not_found', message: 'no TV invoicing schedule: subsync creates it when it starts with the invoiced billing system configured' });
      return schedule;
    },
  );

  for (const action of ['pause', 'unpause'] as const) {
    app.post(
      `/v1/invoicing/schedule/${action}`,
      {
        schema: {
          summary: action === 'pause' ? 'Pause the Schedule' : 'Unpause the Schedule',
          description: action === 'pause' ? 'No run starts on time until unpaused; trigger and backfill still work.' : 'Runs start on time again.',
          tags: ['invoicing'],
          body: scheduleNoteBodySchema,
          response: { 200: invoicingScheduleSchema, 400: jsonResponse('invalid_request', errorBodySchema), 404: noSchedule, 503: unavailable },
        },
      },
      async (request) => (action === 'pause' ? ops.pauseInvoicing(request.body?.note) : ops.unpauseInvoicing(request.body?.note)),
    );
  }

  app.post(
    '/v1/invoicing/schedule/trigger',
    {
      schema: {
        summary: 'Run the Schedule now',
        description: "Starts a run for this month's due date now, also when paused.",
        tags: ['invoicing'],
        response: { 202: triggerResponseSchema, 404: noSchedule, 503: unavailable },
      },
    },
    async (_request, reply) => reply.code(202).send(await ops.triggerInvoicing()),
  );

  app.post(
    '/v1/invoicing/schedule/backfill',
    {
      schema: {
        summary: 'Run the Schedule for a month',
        description: "Runs the Schedule as at that month's scheduled time, billing that month's due date (a month the Schedule missed, e.g. while Temporal was down).",
        tags: ['invoicing'],
        body: backfillRequestSchema,
        response: { 202: backfillResponseSchema, 400: jsonResponse('invalid_request', errorBodySchema), 404: noSchedule, 503: unavailable },
      },
    },
    async (request, reply) => reply.code(202).send(await ops.backfillInvoicing(request.body.month)),
  );
};
