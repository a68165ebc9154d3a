import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { OperatorAction } from '../../../workflows/definitions';
import type { SubsyncOperations } from '../../operations';
import { errorBodySchema, jsonResponse, operatorDecisionBodySchema, resolveParkedResponseSchema, subscriberDetailsSchema, subscriberParamsSchema } from '../schemas';

/** One subscriber: what operators look at and the retry/skip decisions on its parked command. */
export const subscriberRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.get(
    '/v1/subscribers/:billing/:account',
    {
      schema: {
        summary: 'A subscriber\'s state',
        description: 'Lifecycle status, capabilities per platform, pending and parked commands, and the activities Temporal is retrying.',
        tags: ['subscribers'],
        params: subscriberParamsSchema,
        response: { 200: subscriberDetailsSchema, 404: jsonResponse('not_found', errorBodySchema), 503: jsonResponse('temporal_unavailable', errorBodySchema) },
      },
    },
    async (request, reply) => {
      const { billing, account } = request.params;
      const details = await ops.getSubscriber(billing, account);
      if (!details) return reply.code(404).send({ error: 'not_found', message: `no subscriber ${billing}/${account}` });
      return details;
    },
  );

  const decide = (action: OperatorAction) =>
    app.post(
      `/v1/subscribers/:billing/:account/${action}`,
      {
        schema: {
          summary: action === 'retry' ? 'Run the parked command again' : 'Drop the parked command and go on',
          tags: ['operators'],
          params: subscriberParamsSchema,
          body: operatorDecisionBodySchema,
          response: {
            200: resolveParkedResponseSchema,
            400: jsonResponse('invalid_request', errorBodySchema),
            404: jsonResponse('not_found: no such subscriber', errorBodySchema),
            409: jsonResponse('nothing_parked', errorBodySchema),
            503: jsonResponse('temporal_unavailable', errorBodySchema),
          },
        },
      },
      async (request) => {
        const { billing, account } = request.params;
        return ops.resolveParked(billing, account, { action, by: request.body?.by, note: request.body?.note });
      },
    );
  decide('retry');
  decide('skip');
};
