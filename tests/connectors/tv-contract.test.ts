import { connectorsImplementing } from '../../connectors/registry';
import { tvPort } from '../../connectors/tv/port';
import type { TvSimulator } from '../../simulators/tv';
import { describeTvContract, TvContractTarget } from './tv-contract-suite';

const withSimCredentials = (sim: TvSimulator) => ({ url: sim.url, ...sim.credentials });
/** Every credential the simulator issued, altered: the platform must refuse them. */
const withWrongCredentials = (sim: TvSimulator) => ({ url: sim.url, ...Object.fromEntries(Object.entries(sim.credentials).map(([k, v]) => [k, `wrong-${v}`])) });

/** Every TV connector in the registry against its simulator flavour, and the same with credentials the platform refuses. */
const targets: TvContractTarget[] = connectorsImplementing(tvPort).map((connector) => ({
  flavour: connector.simulator ?? connector.kind,
  connector,
  config: withSimCredentials,
  badCredentials: withWrongCredentials,
}));

it('covers the seven TV platforms of the seed, and any other TV connector registered', () => {
  expect(targets.map((t) => t.connector.kind)).toEqual(expect.arrayContaining(['beenius', 'cdntv', 'ion', 'neotv', 'mcr', 'deezer', 'maxitv']));
});

describe.each(targets.map((t) => [t.flavour, t] as const))('TV contract: %s', (_flavour, target) => {
  describeTvContract(target);
});
