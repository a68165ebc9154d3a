import { PermanentError } from '../../connectors/errors';
import type { Connectors } from '../../connectors/registry';
import { SetTopBoxImportResult, setTopBoxImportPort } from '../../connectors/tv-billing/port';
import { InvalidRequestError } from '../operations';
import { billingWith } from './billing';

/** "Importar STB" for operators: the CSV goes straight to the billing system's own import. */
export async function importBoxes(connectors: Connectors, csv: string, billing: string): Promise<SetTopBoxImportResult> {
  const system = billingWith(connectors, setTopBoxImportPort, billing);
  try {
    return await system.importSetTopBoxes(csv);
  } catch (err) {
    // The file as a whole is unreadable (not CSV, empty, no casn/asset_number header): bad input, nothing imported.
    if (err instanceof PermanentError && err.operation === 'importSetTopBoxes') {
      throw new InvalidRequestError([{ path: '(body)', message: err.message.replace(`${err.system}.${err.operation}: `, '') }]);
    }
    throw err;
  }
}
