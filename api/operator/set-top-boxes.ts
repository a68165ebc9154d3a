import { PermanentError } from '../../connectors/errors';
import { importSetTopBoxes, StbImportResult } from '../../connectors/isp-integrator';
import type { Connectors } from '../../connectors/registry';
import { InvalidRequestError } from '../operations';
import { ispIntegratorNamed } from './billing';

/** "Importar STB" for operators: the CSV goes straight to the ISP-Integrator connector's import. */
export async function importBoxes(connectors: Connectors, csv: string, billing: string): Promise<StbImportResult> {
  const system = ispIntegratorNamed(connectors, billing, 'set-top boxes are imported into');
  try {
    return await importSetTopBoxes(csv, system);
  } catch (err) {
    // The file as a whole is unreadable (not CSV, empty, no casn/asset_number header): bad input, nothing imported.
    if (err instanceof PermanentError && err.operation === 'importSetTopBoxes') {
      throw new InvalidRequestError([{ path: '(body)', message: err.message.replace(`${err.system}.${err.operation}: `, '') }]);
    }
    throw err;
  }
}
