import type { Resources } from './resources';
import type { ReportSection } from './table';

/** A numeric knob of a scenario: `--<flag> N`, else $<env>, else the default. */
export interface ScenarioOption {
  flag: string;
  env: string;
  default: number;
  description: string;
}

export interface ScenarioContext {
  /** The resolved value of one of the scenario's declared options. */
  option(flag: string): number;
  /** Register everything started here, so it is stopped even when the scenario fails. */
  resources: Resources;
  /** Aborted when the run is interrupted: stop starting new work. */
  signal: AbortSignal;
  /** Progress for the person watching (stderr). */
  progress(message: string): void;
}

export interface ScenarioReport {
  sections: ReportSection[];
  /** Anything that makes the figures untrustworthy (failed commands, wrong final state): the run exits 1. */
  problems: string[];
}

/** One benchmark; bench/run.ts runs the ones `--scenario` names (or all). */
export interface Scenario {
  name: string;
  description: string;
  options: ScenarioOption[];
  run(ctx: ScenarioContext): Promise<ScenarioReport>;
}
