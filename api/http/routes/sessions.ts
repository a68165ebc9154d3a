import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SessionAction } from '../../../domain/session';
import { OperationsFor, requires } from '../auth';
import type { RequestSchemas } from '../request-schemas';
import { AUTH_ERRORS, errorBodySchema, errorResponses, jsonResponse } from '../schemas';
import { bookSessionRequestSchema, sessionListSchema, sessionRecordSchema } from '../session-schemas';

const notFound = jsonResponse('not_found: no such subscriber, or no such session on its license', errorBodySchema);
const refused = jsonResponse(
  'The platform refused: error is quota_exceeded (every concurrent line in use), license_blocked, trial_expired, session_state (not in a state for this call), function_not_available, no_license (the subscriber has none yet) or session_refused; message says why',
  errorBodySchema,
);
const unavailable = jsonResponse('temporal_unavailable or upstream_unavailable (the platform): try again later', errorBodySchema);

/** Path segment → action: `/start`, `/end`, `/cancel`, `/recording/start`, `/recording/stop`. */
const actions: [string, SessionAction, string][] = [
  ['start', 'start', "Start a booked session: it takes one of the license's concurrent lines (409 quota_exceeded when none is free)"],
  ['end', 'end', 'End a running session: its seconds become billable usage'],
  ['cancel', 'cancel', 'Cancel a booked session'],
  ['recording/start', 'recording.start', "Switch recording on (needs the recording function of the license's profile)"],
  ['recording/stop', 'recording.stop', 'Switch recording off'],
];

/**
 * Sessions of a subscriber's license: booked and controlled on the platform at once, checked by
 * it against the license's quota, and recorded by the subscriber's workflow.
 */
export const sessionRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas }> = async (app, { ops, schemas }) => {
  const sessionParams = schemas.subscriberParams.extend({ sessionId: z.string().min(1).max(40).regex(/^[\w.\-]+$/, 'a session number') });

  app.get(
    '/v1/subscribers/:billing/:account/sessions',
    requires('sessions:read', {
      summary: 'Sessions the subscriber booked',
      description: "As the subscriber's workflow recorded them (the last 50), most recently touched first.",
      tags: ['sessions'],
      params: schemas.subscriberParams,
      response: { 200: sessionListSchema, ...errorResponses([400, ...AUTH_ERRORS]), 404: notFound, 503: unavailable },
    }),
    async (request) => ops(request).listSessions(request.params.billing, request.params.account),
  );

  app.post(
    '/v1/subscribers/:billing/:account/sessions',
    requires('sessions:control', {
      summary: 'Book a session',
      description: "Books a session on the subscriber's license; the answer carries the platform's session number. The same `reference` books once.",
      tags: ['sessions'],
      params: schemas.subscriberParams,
      body: bookSessionRequestSchema,
      response: { 201: sessionRecordSchema, ...errorResponses([400, ...AUTH_ERRORS, 413]), 404: notFound, 409: refused, 502: jsonResponse('upstream_error', errorBodySchema), 503: unavailable },
    }),
    async (request, reply) => reply.code(201).send(await ops(request).bookSession(request.params.billing, request.params.account, request.body)),
  );

  app.get(
    '/v1/subscribers/:billing/:account/sessions/:sessionId',
    requires('sessions:read', {
      summary: 'A session, as the platform sees it now',
      description: 'Runtime information: status, duration so far, recording.',
      tags: ['sessions'],
      params: sessionParams,
      response: { 200: sessionRecordSchema, ...errorResponses([400, ...AUTH_ERRORS]), 404: notFound, 409: refused, 503: unavailable },
    }),
    async (request) => ops(request).getSession(request.params.billing, request.params.account, request.params.sessionId),
  );

  for (const [path, action, summary] of actions) {
    app.post(
      `/v1/subscribers/:billing/:account/sessions/:sessionId/${path}`,
      requires('sessions:control', {
        summary,
        tags: ['sessions'],
        params: sessionParams,
        body: z.strictObject({}),
        response: { 200: sessionRecordSchema, ...errorResponses([400, ...AUTH_ERRORS, 413]), 404: notFound, 409: refused, 502: jsonResponse('upstream_error', errorBodySchema), 503: unavailable },
      }),
      async (request) => ops(request).controlSession(request.params.billing, request.params.account, request.params.sessionId, action),
    );
  }
};
