import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NOTIFICATION_SCOPES } from '../../notification-operations';
import type { SubsyncOperations } from '../../operations';
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
import { errorBodySchema, jsonResponse } from '../schemas';

const notFound = jsonResponse('not_found: no such endpoint or message, or notifications are not enabled', errorBodySchema);
const invalid = jsonResponse('invalid_request', errorBodySchema);

/**
 * NotificationDispatcher's outbox: endpoints (state, backlog, enable/disable), the backlog and
 * failures, one message with its attempt log, resend and recover. Each route's description names
 * the scope it should need (see api/notification-operations.ts).
 */
export const notificationRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  app.get(
    '/v1/notifications/endpoints',
    {
      schema: {
        summary: 'Notification endpoints',
        description: `Every configured endpoint: enabled or why not, backing off or not, and its pending, due, failed and delivered counts. Scope: ${NOTIFICATION_SCOPES.read}.`,
        tags: ['notifications'],
        response: { 200: notificationEndpointListSchema, 404: notFound },
      },
    },
    async () => ops.listNotificationEndpoints(),
  );

  for (const action of ['enable', 'disable'] as const) {
    app.post(
      `/v1/notifications/endpoints/:name/${action}`,
      {
        schema: {
          summary: action === 'enable' ? 'Enable an endpoint' : 'Disable an endpoint',
          description:
            action === 'enable'
              ? `Delivers again, at once, everything that waits for it (its backoff and failure streak are forgotten). Scope: ${NOTIFICATION_SCOPES.manage}.`
              : `Stops delivering to it; messages keep arriving in the outbox for it and go once it is enabled. Scope: ${NOTIFICATION_SCOPES.manage}.`,
          tags: ['notifications'],
          params: endpointParamsSchema,
          body: endpointNoteBodySchema,
          response: { 200: notificationEndpointSchema, 400: invalid, 404: notFound },
        },
      },
      async (request) =>
        action === 'enable' ? ops.enableNotificationEndpoint(request.params.name, request.body?.note) : ops.disableNotificationEndpoint(request.params.name, request.body?.note),
    );
  }

  app.post(
    '/v1/notifications/endpoints/:name/recover',
    {
      schema: {
        summary: 'Recover failed messages of an endpoint',
        description: `Every message stored since the date whose delivery to this endpoint gave up is delivered again (same webhook-id), in order. Scope: ${NOTIFICATION_SCOPES.resend}.`,
        tags: ['notifications'],
        params: endpointParamsSchema,
        body: recoverBodySchema,
        response: { 200: recoverResponseSchema, 400: invalid, 404: notFound },
      },
    },
    async (request) => ops.recoverNotifications(request.params.name, request.body.since),
  );

  app.get(
    '/v1/notifications/deliveries',
    {
      schema: {
        summary: 'Backlog or failures',
        description: `status=pending: what waits (oldest first, with the next attempt time); status=failed: what gave up (newest first, with the last error). Scope: ${NOTIFICATION_SCOPES.read}.`,
        tags: ['notifications'],
        querystring: deliveriesQuerySchema,
        response: { 200: notificationDeliveryListSchema, 400: invalid, 404: notFound },
      },
    },
    async (request) => ops.listNotificationDeliveries(request.query),
  );

  app.get(
    '/v1/notifications/messages/:messageId',
    {
      schema: {
        summary: 'A message with its attempt log',
        description: `The message as stored, its delivery to each endpoint and every attempt. Scope: ${NOTIFICATION_SCOPES.read}.`,
        tags: ['notifications'],
        params: messageParamsSchema,
        response: { 200: notificationMessageSchema, 404: notFound },
      },
    },
    async (request, reply) => {
      const message = await ops.getNotificationMessage(request.params.messageId);
      if (!message) return reply.code(404).send({ error: 'not_found', message: `no message ${request.params.messageId} in the outbox` });
      return message;
    },
  );

  app.post(
    '/v1/notifications/messages/:messageId/resend',
    {
      schema: {
        summary: 'Resend one message',
        description: `Delivers it again (also when it was delivered), with the same webhook-id, to one endpoint or to every endpoint it went to. Scope: ${NOTIFICATION_SCOPES.resend}.`,
        tags: ['notifications'],
        params: messageParamsSchema,
        body: resendBodySchema,
        response: { 200: resendResponseSchema, 400: invalid, 404: notFound },
      },
    },
    async (request) => ops.resendNotification(request.params.messageId, request.body?.endpoint),
  );
};
