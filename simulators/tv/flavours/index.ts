import { BeeniusCredentials, createBeeniusFlavour } from './beenius';
import { CdnTvCredentials, createCdnTvFlavour } from './cdntv';
import { DeezerCredentials, createDeezerFlavour } from './deezer';
import type { TvFlavour } from './flavour';
import { IonCredentials, createIonFlavour } from './ion';
import { MaxiTvCredentials, createMaxiTvFlavour } from './maxitv';
import { McrCredentials, createMcrFlavour } from './mcr';
import { NeoTvCredentials, createNeoTvFlavour } from './neotv';

export interface TvCredentialsByFlavour {
  beenius: BeeniusCredentials;
  cdntv: CdnTvCredentials;
  ion: IonCredentials;
  neotv: NeoTvCredentials;
  mcr: McrCredentials;
  deezer: DeezerCredentials;
  maxitv: MaxiTvCredentials;
}

export type TvFlavourName = keyof TvCredentialsByFlavour;

export const tvFlavours: { [F in TvFlavourName]: () => TvFlavour<TvCredentialsByFlavour[F]> } = {
  beenius: createBeeniusFlavour,
  cdntv: createCdnTvFlavour,
  ion: createIonFlavour,
  neotv: createNeoTvFlavour,
  mcr: createMcrFlavour,
  deezer: createDeezerFlavour,
  maxitv: createMaxiTvFlavour,
};

export const tvFlavourNames = Object.keys(tvFlavours) as TvFlavourName[];

export type { BeeniusCredentials, CdnTvCredentials, DeezerCredentials, IonCredentials, MaxiTvCredentials, McrCredentials, NeoTvCredentials };
export type { TvFlavour } from './flavour';
