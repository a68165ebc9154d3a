import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OperationsFor, requires } from '../auth';
import { stbImportResultSchema } from '../operator-schemas';
import type { RequestSchemas } from '../request-schemas';
import { AUTH_ERRORS, errorResponses, jsonResponse } from '../schemas';

const csvType = 'text/csv';

/** "Importar STB": a CSV file of set-top boxes registered in a billing system that imports them. */
export const setTopBoxRoutes: FastifyPluginAsyncZod<{ ops: OperationsFor; schemas: RequestSchemas; csvBytes: number }> = async (app, { ops, schemas, csvBytes }) => {
  // This plugin's routes take CSV only: any other body is refused naming the type to send.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(csvType, { parseAs: 'string', bodyLimit: csvBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/v1/set-top-boxes/imports',
    {
      bodyLimit: csvBytes,
      ...requires('stb:import', {
        summary: 'Import set-top boxes from a CSV file',
        description:
          'Each row is validated: bad rows are reported by line and reason and skipped, good rows are registered. Importing the same file again ' +
          `changes nothing (those rows count as unchanged). A body that is not CSV (another Content-Type, no header with casn and asset_number) is a 400; one over ${csvBytes} bytes a 413.`,
        tags: ['set-top boxes'],
        consumes: [csvType],
        querystring: schemas.stbImportQuery,
        body: schemas.stbCsv,
        response: {
          200: jsonResponse('Imported; `rejected` lists the bad rows', stbImportResultSchema),
          ...errorResponses([400, ...AUTH_ERRORS, 413, 502, 503], {
            400: 'invalid_request: not CSV, or a billing system that does not import set-top boxes',
            502: 'upstream_error: billing refused the import (e.g. bad credentials)',
            503: 'upstream_unavailable: billing did not answer; import the file again later',
          }),
        },
      }),
    },
    async (request) => ops(request).importSetTopBoxes(request.body, request.query.billing),
  );
};
