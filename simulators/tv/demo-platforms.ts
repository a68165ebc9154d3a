import { connectorsImplementing } from '../../connectors/registry';
import { tvPort } from '../../connectors/tv/port';
import { tvFlavourFactory } from './flavours';

/**
 * The TV platforms the demo and the tests simulate: one per TV connector in the connector
 * registry, each on its own port after the `tv` base port (tv + 1, tv + 2, ... in registry order).
 * Config defaults and the simulators' start-up both read this, so a platform added to the
 * registry is simulated and configured with nothing else edited.
 */
export interface SimulatedTvPlatform {
  /** The connector's kind, also its config name in the defaults. */
  kind: string;
  flavour: string;
  portOffset: number;
  /** The simulator's development credentials, named like the connector's config fields. */
  credentials: Record<string, string>;
}

export function simulatedTvPlatforms(): SimulatedTvPlatform[] {
  return connectorsImplementing(tvPort).flatMap((def, i) => {
    const flavour = def.simulator ?? def.kind;
    const factory = tvFlavourFactory(flavour);
    return factory ? [{ kind: def.kind, flavour, portOffset: i + 1, credentials: factory().defaultCredentials }] : [];
  });
}

/** The `platforms` config blocks that point each TV connector at its simulator. */
export function tvPlatformDefaults(tvBasePort: number, host = '127.0.0.1'): Record<string, Record<string, string>> {
  return Object.fromEntries(simulatedTvPlatforms().map((p) => [p.kind, { kind: p.kind, url: `http://${host}:${tvBasePort + p.portOffset}`, ...p.credentials }]));
}
