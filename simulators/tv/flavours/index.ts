import fs from 'node:fs';
import path from 'node:path';
import type { TvFlavour } from './flavour';

/** Credentials a flavour checks, named like the fields of its connector's config block. */
export type TvCredentials = Record<string, string>;
export type TvFlavourFactory = () => TvFlavour<TvCredentials>;

const factories = new Map<string, TvFlavourFactory>();

/**
 * Adds a flavour defined elsewhere (a test's fixture platform). The flavours in this folder need
 * no registration: each module exporting a factory by default is one, named by what it creates.
 */
export function registerTvFlavour(factory: TvFlavourFactory): string {
  const name = factory().name;
  const existing = factories.get(name);
  if (existing && existing !== factory) throw new Error(`a TV simulator flavour "${name}" is already registered`);
  factories.set(name, factory);
  return name;
}

for (const file of fs.readdirSync(__dirname).sort()) {
  if (!/\.(ts|js)$/.test(file) || /\.d\.ts$|\.test\.|^(index|flavour)\./.test(file)) continue;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = (require(path.join(__dirname, file)) as { default?: unknown }).default;
  if (typeof factory === 'function') registerTvFlavour(factory as TvFlavourFactory);
}

export function tvFlavourFactory(name: string): TvFlavourFactory | undefined {
  return factories.get(name);
}

export function tvFlavourNames(): string[] {
  return [...factories.keys()];
}

export type { BeeniusCredentials } from './beenius';
export type { CdnTvCredentials } from './cdntv';
export type { DeezerCredentials } from './deezer';
export type { IonCredentials } from './ion';
export type { MaxiTvCredentials } from './maxitv';
export type { McrCredentials } from './mcr';
export type { NeoTvCredentials } from './neotv';
export type { TvFlavour } from './flavour';
