import { beeniusConnector, cdnTvConnector, deezerConnector, ionConnector, maxiTvConnector, mcrConnector, neoTvConnector, tvConnectors } from '../../connectors/tv';
import { describeTvContract, TvContractTarget } from './tv-contract-suite';
import type { TvSimulator } from '../../simulators/tv';

const withSimCredentials = (sim: TvSimulator) => ({ url: sim.url, ...sim.credentials });

/** Each platform against its simulator flavour, and the same with credentials the platform refuses. */
const targets: TvContractTarget[] = [
  { flavour: 'beenius', connector: beeniusConnector, config: withSimCredentials, badCredentials: (sim) => ({ ...withSimCredentials(sim), consumerSecret: 'not-the-secret' }) },
  { flavour: 'cdntv', connector: cdnTvConnector, config: withSimCredentials, badCredentials: (sim) => ({ url: sim.url, apiKey: 'wrong-key' }) },
  { flavour: 'ion', connector: ionConnector, config: withSimCredentials, badCredentials: (sim) => ({ ...withSimCredentials(sim), clientSecret: 'wrong-secret' }) },
  { flavour: 'neotv', connector: neoTvConnector, config: withSimCredentials, badCredentials: (sim) => ({ ...withSimCredentials(sim), password: 'wrong-password' }) },
  { flavour: 'mcr', connector: mcrConnector, config: withSimCredentials, badCredentials: (sim) => ({ url: sim.url, token: 'wrong-token' }) },
  { flavour: 'deezer', connector: deezerConnector, config: withSimCredentials, badCredentials: (sim) => ({ url: sim.url, accessToken: 'wrong-token' }) },
  { flavour: 'maxitv', connector: maxiTvConnector, config: withSimCredentials, badCredentials: (sim) => ({ url: sim.url, apiToken: 'wrong-token' }) },
];

it('covers every TV connector the registry exports', () => {
  expect(targets.map((t) => t.connector.kind).sort()).toEqual(tvConnectors.map((c) => c.kind).sort());
});

describe.each(targets.map((t) => [t.flavour, t] as const))('TV contract: %s', (_flavour, target) => {
  describeTvContract(target);
});
