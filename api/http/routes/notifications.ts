import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OperationsFor, requires } from '../auth';
import type { RequestSchemas } from '../request-schemas';
import {
  deliveriesQuerySchema,
  endpointNoteBodySchema,
  endpointParamsSchema,
  messageParamsSchema,
  notificationDeliveryListSchema,
  notificationEndpointListSchema,
  notificationEndpointSchema,
  notificationMessageSchema,
  recoverBodySchema,
  recoverResponseSchema,
  resendBodySchema,
  resendResponseSchema,
} from '../notification-schemas';
import { AUTH_ERRORS, errorBodySchema, errorResponses, jsonResponse } from '../schemas';

const notFound = jsonResponse('not_found: no such endpoint or message, or notifications are not enabled', errorBodySchema);

/**
 * NotificationDispatcher's outbox: endpoints (state, backlog, enable/disable), the backlog and
 * failures, one message with its attempt log, resend and recover.
 */
export const notificationRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops }) => {
  app.get(
    '/v1/notifications/endpoints',
    requires('notifications:read', {
      summary: 'Notification endpoints',
      description: 'Every configured endpoint: enabled or why not, backing off or not, and its pending, due, failed and delivered counts.',
      tags: ['notifications'],
      response: { 200: notificationEndpointListSchema, ...errorResponses([...AUTH_ERRORS]), 404: notFound },
    }),
    async (request) => ops(request).listNotificationEndpoints(),
  );

  for (const action of ['enable', 'disable'] as const) {
    app.post(
      `/v1/notifications/endpoints/:name/${action}`,
      requires('notifications:manage', {
        summary: action === 'enable' ? 'Enable an endpoint' : 'Disable an endpoint',
        description:
          (action === 'enable'
            ? 'Delivers again, at once, everything that waits for it (its backoff and failure streak are forgotten).'
            : 'Stops delivering to it; messages keep arriving in the outbox for it and go once it is enabled.') + ' The body is required ({} without a note).',
        tags: ['notifications'],
        params: endpointParamsSchema,
        body: endpointNoteBodySchema,
        response: { 200: notificationEndpointSchema, ...errorResponses([400, ...AUTH_ERRORS, 413]), 404: notFound },
      }),
      async (request) =>
        action === 'enable'
          ? ops(request).enableNotificationEndpoint(request.params.name, request.body.note)
          : ops(request).disableNotificationEndpoint(request.params.name, request.body.note),
    );
  }

  app.post(
    '/v1/notifications/endpoints/:name/recover',
    requires('notifications:resend', {
      summary: 'Recover failed messages of an endpoint',
      description: 'Every message stored since the date whose delivery to this endpoint gave up is delivered again (same webhook-id), in order.',
      tags: ['notifications'],
      params: endpointParamsSchema,
      body: recoverBodySchema,
      response: { 200: recoverResponseSchema, ...errorResponses([400, ...AUTH_ERRORS, 413]), 404: notFound },
    }),
    async (request) => ops(request).recoverNotifications(request.params.name, request.body.since),
  );

  app.get(
    '/v1/notifications/deliveries',
    requires('notifications:read', {
      summary: 'Backlog or failures',
      description: 'status=pending: what waits (oldest first, with the next attempt time); status=failed: what gave up (newest first, with the last error).',
      tags: ['notifications'],
      querystring: deliveriesQuerySchema,
      response: { 200: notificationDeliveryListSchema, ...errorResponses([400, ...AUTH_ERRORS]), 404: notFound },
    }),
    async (request) => ops(request).listNotificationDeliveries(request.query),
  );

  app.get(
    '/v1/notifications/messages/:messageId',
    requires('notifications:read', {
      summary: 'A message with its attempt log',
      description: 'The message as stored, its delivery to each endpoint and every attempt.',
      tags: ['notifications'],
      params: messageParamsSchema,
      response: { 200: notificationMessageSchema, ...errorResponses([400, ...AUTH_ERRORS]), 404: notFound },
    }),
    async (request, reply) => {
      const message = await ops(request).getNotificationMessage(request.params.messageId);
      if (!message) return reply.code(404).send({ error: 'not_found', message: `no message ${request.params.messageId} in the outbox` });
      return message;
    },
  );

  app.post(
    '/v1/notifications/messages/:messageId/resend',
    requires('notifications:resend', {
      summary: 'Resend one message',
      description:
        'Delivers it again (also when it was delivered), with the same webhook-id, to one endpoint or to every endpoint it went to. The body is required ({} for every endpoint).',
      tags: ['notifications'],
      params: messageParamsSchema,
      body: resendBodySchema,
      response: { 200: resendResponseSchema, ...errorResponses([400, ...AUTH_ERRORS, 413]), 404: notFound },
    }),
    async (request) => ops(request).resendNotification(request.params.messageId, request.body.endpoint),
  );
};
