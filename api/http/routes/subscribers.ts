import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OperatorAction } from '../../../workflows/definitions';
import { OperationsFor, requires } from '../auth';
import type { RequestSchemas } from '../request-schemas';
import { AUTH_ERRORS, errorResponses, resolveParkedResponseSchema, subscriberDetailsSchema } from '../schemas';

/** One subscriber: what operators look at and the retry/skip decisions on its parked command. */
export const subscriberRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops, schemas }) => {
  app.get(
    '/v1/subscribers/:billing/:account',
    requires('subscribers:read', {
      summary: "A subscriber's state",
      description: 'Lifecycle status, capabilities per platform, pending and parked commands, the activities Temporal is retrying, and who did what (audit).',
      tags: ['subscribers'],
      params: schemas.subscriberParams,
      response: { 200: subscriberDetailsSchema, ...errorResponses([400, ...AUTH_ERRORS, 404, 503]) },
    }),
    async (request, reply) => {
      const { billing, account } = request.params;
      const details = await ops(request).getSubscriber(billing, account);
      if (!details) return reply.code(404).send({ error: 'not_found', message: `no subscriber ${billing}/${account}` });
      return details;
    },
  );

  const decide = (action: OperatorAction) =>
    app.post(
      `/v1/subscribers/:billing/:account/${action}`,
      requires('parked:resolve', {
        summary: action === 'retry' ? 'Run the parked command again' : 'Drop the parked command and go on',
        description: 'The body may be {}: the audit trail names the credential; `by` adds the person behind a shared tool.',
        tags: ['operators'],
        params: schemas.subscriberParams,
        body: schemas.operatorDecisionBody,
        response: {
          200: resolveParkedResponseSchema,
          ...errorResponses([400, ...AUTH_ERRORS, 404, 409, 413, 503], { 404: 'not_found: no such subscriber', 409: 'nothing_parked' }),
        },
      }),
      async (request) => {
        const { billing, account } = request.params;
        return ops(request).resolveParked(billing, account, { action, by: request.body.by, note: request.body.note });
      },
    );
  decide('retry');
  decide('skip');
};
