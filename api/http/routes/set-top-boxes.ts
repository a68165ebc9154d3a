import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../../operations';
import { stbCsvSchema, stbImportQuerySchema, stbImportResultSchema } from '../operator-schemas';
import { errorBodySchema, jsonResponse } from '../schemas';

const csvType = 'text/csv';
/** A box file of 100,000 rows is about 4 MB. */
const MAX_CSV_BYTES = 16 * 1024 * 1024;

/** "Importar STB": a CSV file of set-top boxes registered in ISP-Integrator. */
export const setTopBoxRoutes: FastifyPluginAsyncZod<{ ops: SubsyncOperations }> = async (app, { ops }) => {
  // This plugin's routes take CSV only: any other body is refused naming the type to send.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(csvType, { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));

  app.post(
    '/v1/set-top-boxes/imports',
    {
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        summary: 'Import set-top boxes from a CSV file',
        description:
          'Each row is validated: bad rows are reported by line and reason and skipped, good rows are registered. Importing the same file again ' +
          'changes nothing (those rows count as unchanged). A body that is not CSV (another Content-Type, no header with casn and asset_number) is a 400.',
        tags: ['set-top boxes'],
        consumes: [csvType],
        querystring: stbImportQuerySchema,
        body: stbCsvSchema,
        response: {
          200: jsonResponse('Imported; `rejected` lists the bad rows', stbImportResultSchema),
          400: jsonResponse('invalid_request: not CSV, or not an ISP-Integrator billing system', errorBodySchema),
          502: jsonResponse('upstream_error: ISP-Integrator refused the import (e.g. bad credentials)', errorBodySchema),
          503: jsonResponse('upstream_unavailable: ISP-Integrator did not answer; import the file again later', errorBodySchema),
        },
      },
    },
    async (request) => ops.importSetTopBoxes(request.body, request.query.billing),
  );
};
