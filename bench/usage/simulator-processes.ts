import type { FastViewerSeed } from '../../simulators/fastviewer';
import type { LanbillingSeed } from '../../simulators/lanbilling';
import type { Resources } from '../support/resources';
import { SimulatorProcess, startSimulatorProcess } from '../support/simulator-process';

export type { SimulatorProcess } from '../support/simulator-process';

/** FastViewer with the generated month (its README: "Run it alone", seed `generate`). */
export function startFastViewerProcess(resources: Resources, seed: FastViewerSeed): Promise<SimulatorProcess> {
  return startSimulatorProcess(resources, { name: 'fastviewer', seed: { env: 'FASTVIEWER_SIM_SEED', data: seed }, pattern: /ASP (http:\/\/\S+)\/asp,/ });
}

export function startLanbillingProcess(resources: Resources, seed: LanbillingSeed): Promise<SimulatorProcess> {
  return startSimulatorProcess(resources, { name: 'lanbilling', seed: { env: 'LANBILLING_SIM_SEED', data: seed }, pattern: /lanbilling simulator: (http:\/\/\S+) / });
}
