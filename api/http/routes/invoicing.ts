import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OperationsFor, requires } from '../auth';
import { backfillResponseSchema, invoicingRunStartedSchema, invoicingRunStatusSchema, invoicingScheduleSchema, triggerResponseSchema } from '../operator-schemas';
import type { RequestSchemas } from '../request-schemas';
import { AUTH_ERRORS, errorResponses, jsonResponse } from '../schemas';

const noSchedule = 'not_found: the Schedule was never created (subsync creates it at start)';

/** Monthly TV invoicing (Faturamento TV): direct runs, and the Temporal Schedule that runs it each month. */
export const invoicingRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops, schemas }) => {
  app.post(
    '/v1/invoicing/runs',
    requires('invoicing:run', {
      summary: 'Start a TV invoicing run',
      description:
        'Creates a Pending TV billing event for every customer plan with charged extra packages, for one due date. Re-running a due date creates ' +
        'nothing twice; asking again while it runs returns the same run. A dry run saves nothing: its result lists what would be created. ' +
        'The body is required ({} for this month\'s due date on the configured billing system).',
      tags: ['invoicing'],
      body: schemas.invoicingRunRequest,
      response: {
        202: jsonResponse('Started (or already running): follow it with GET /v1/invoicing/runs/{workflowId}', invoicingRunStartedSchema),
        ...errorResponses([400, ...AUTH_ERRORS, 413, 503]),
      },
    }),
    async (request, reply) => reply.code(202).send(await ops(request).startInvoicingRun(request.body)),
  );

  app.get(
    '/v1/invoicing/runs/:workflowId',
    requires('invoicing:run', {
      summary: 'A TV invoicing run',
      description: 'Progress while it runs (also while it tracks Pending → Processed), the result once completed.',
      tags: ['invoicing'],
      params: schemas.workflowIdParams,
      response: { 200: invoicingRunStatusSchema, ...errorResponses([400, ...AUTH_ERRORS, 404, 503]) },
    }),
    async (request, reply) => {
      const run = await ops(request).getInvoicingRun(request.params.workflowId);
      if (!run) return reply.code(404).send({ error: 'not_found', message: `no TV invoicing run ${request.params.workflowId}` });
      return run;
    },
  );

  app.get(
    '/v1/invoicing/schedule',
    requires('invoicing:schedule', {
      summary: 'The monthly invoicing Schedule',
      description: 'Calendar, time zone, paused or not (and why), next and recent runs.',
      tags: ['invoicing'],
      response: { 200: invoicingScheduleSchema, ...errorResponses([...AUTH_ERRORS, 404, 503], { 404: noSchedule }) },
    }),
    async (request, reply) => {
      const schedule = await ops(request).getInvoicingSchedule();
      if (!schedule) return reply.code(404).send({ error: 'not_found', message: 'no TV invoicing schedule: subsync creates it when it starts with the invoiced billing system configured' });
      return schedule;
    },
  );

  for (const action of ['pause', 'unpause'] as const) {
    app.post(
      `/v1/invoicing/schedule/${action}`,
      requires('invoicing:schedule', {
        summary: action === 'pause' ? 'Pause the Schedule' : 'Unpause the Schedule',
        description: `${action === 'pause' ? 'No run starts on time until unpaused; trigger and backfill still work.' : 'Runs start on time again.'} The body is required ({} without a note).`,
        tags: ['invoicing'],
        body: schemas.scheduleNoteBody,
        response: { 200: invoicingScheduleSchema, ...errorResponses([400, ...AUTH_ERRORS, 404, 413, 503], { 404: noSchedule }) },
      }),
      async (request) => (action === 'pause' ? ops(request).pauseInvoicing(request.body.note) : ops(request).unpauseInvoicing(request.body.note)),
    );
  }

  app.post(
    '/v1/invoicing/schedule/trigger',
    requires('invoicing:schedule', {
      summary: 'Run the Schedule now',
      description: "Starts a run for this month's due date now, also when paused. Takes no body.",
      tags: ['invoicing'],
      response: { 202: triggerResponseSchema, ...errorResponses([...AUTH_ERRORS, 404, 503], { 404: noSchedule }) },
    }),
    async (request, reply) => reply.code(202).send(await ops(request).triggerInvoicing()),
  );

  app.post(
    '/v1/invoicing/schedule/backfill',
    requires('invoicing:schedule', {
      summary: 'Run the Schedule for a month',
      description: "Runs the Schedule as at that month's scheduled time, billing that month's due date (a month the Schedule missed, e.g. while Temporal was down).",
      tags: ['invoicing'],
      body: schemas.backfillRequest,
      response: { 202: backfillResponseSchema, ...errorResponses([400, ...AUTH_ERRORS, 404, 413, 503], { 404: noSchedule }) },
    }),
    async (request, reply) => reply.code(202).send(await ops(request).backfillInvoicing(request.body.month)),
  );
};
