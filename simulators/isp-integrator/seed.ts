import { z } from 'zod';

/**
 * The simulator's seed format (documented in README.md). Customers' contracted plans get their
 * default package from the plan; extras, points and statuses are applied through the same rules
 * as the API, so a seed cannot build a state the real system would refuse.
 */
const id = z.string().min(1).max(40);
const cents = z.number().int().nonnegative();

export const seedSchema = z.object({
  plans: z.array(z.object({
    id,
    name: z.string().min(1),
    allowsTvPlans: z.boolean().default(true),
    releasedPackageId: id.nullable().default(null),
    tvPlatform: z.string().trim().min(1).max(60).nullable().default(null),
  })).default([]),
  packages: z.array(z.object({
    id,
    name: z.string().min(1),
    extra: z.boolean().default(false),
    price: cents.default(0),
    platformCode: z.string().min(1).optional(),
    channels: z.array(z.object({ name: z.string().min(1), number: z.number().int().positive(), family: z.string().min(1) })).default([]),
  })).default([]),
  pointLocations: z.array(z.string().min(1)).default([]),
  /** TV platforms without set-top points (music services such as Deezer): their plans refuse points. */
  platformsWithoutPoints: z.array(z.string().min(1)).default(['deezer']),
  setTopBoxes: z.array(z.object({ casn: z.string(), assetNumber: z.string(), model: z.string().optional() })).default([]),
  customers: z.array(z.object({
    id,
    name: z.string().min(1),
    document: z.string().optional(),
    plans: z.array(z.object({
      id: id.optional(),
      planId: id,
      status: z.enum(['active', 'suspended', 'cancelled']).default('active'),
      radiusLogin: z.string().optional(),
      extraPackages: z.array(z.object({ packageId: id, price: cents.optional(), status: z.enum(['active', 'cancelled']).default('active') })).default([]),
      points: z.array(z.object({ location: z.string(), casn: z.string() })).default([]),
      extraFields: z.record(z.string(), z.string()).default({}),
    })).default([]),
  })).default([]),
});
export type IspIntegratorSeed = z.input<typeof seedSchema>;
export type ParsedSeed = z.output<typeof seedSchema>;

const basicChannels = [
  { name: 'Globo', number: 5, family: 'Abertos' },
  { name: 'SBT', number: 4, family: 'Abertos' },
  { name: 'Record', number: 7, family: 'Abertos' },
  { name: 'GloboNews', number: 40, family: 'Notícias' },
  { name: 'Discovery Kids', number: 81, family: 'Infantil' },
];

/** A small catalogue: one TV plan per platform, a closed premium plan (option 2), extras, boxes and three customers. */
export const defaultSeed: IspIntegratorSeed = {
  plans: [
    { id: 'TV-BEENIUS', name: 'TV Essencial (Multi TV Beenius)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'beenius' },
    { id: 'TV-BEENIUS-PREMIUM', name: 'TV Premium (Multi TV Beenius)', releasedPackageId: 'PKG-PREMIUM', tvPlatform: 'beenius' },
    { id: 'TV-CDNTV', name: 'TV Essencial (CDN TV)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'cdntv' },
    { id: 'TV-ION', name: 'TV Essencial (ION)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'ion' },
    { id: 'TV-NEOTV', name: 'TV Essencial (NEO TV)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'neotv' },
    { id: 'TV-MCR', name: 'TV Essencial (MCR)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'mcr' },
    { id: 'TV-MAXITV', name: 'TV Essencial (Maxi TV)', releasedPackageId: 'PKG-BASICO', tvPlatform: 'maxitv' },
    { id: 'MUSICA-DEEZER', name: 'Deezer Premium', releasedPackageId: 'PKG-DEEZER', tvPlatform: 'deezer' },
    { id: 'INTERNET-300', name: 'Fibra 300 Mega', allowsTvPlans: false },
  ],
  packages: [
    { id: 'PKG-BASICO', name: 'Básico', platformCode: 'basico', channels: basicChannels },
    {
      id: 'PKG-PREMIUM', name: 'Premium (fechado)', platformCode: 'premium',
      channels: [...basicChannels, { name: 'HBO', number: 201, family: 'Filmes' }, { name: 'SporTV', number: 39, family: 'Esportes' }],
    },
    { id: 'PKG-HBO', name: 'HBO', extra: true, price: 3490, platformCode: 'hbo', channels: [{ name: 'HBO', number: 201, family: 'Filmes' }, { name: 'HBO 2', number: 202, family: 'Filmes' }] },
    { id: 'PKG-TELECINE', name: 'Telecine', extra: true, price: 4290, platformCode: 'telecine', channels: [{ name: 'Telecine Premium', number: 210, family: 'Filmes' }] },
    { id: 'PKG-ESPORTES', name: 'Esportes', extra: true, price: 2990, platformCode: 'esportes', channels: [{ name: 'SporTV', number: 39, family: 'Esportes' }, { name: 'ESPN', number: 70, family: 'Esportes' }] },
    { id: 'PKG-INFANTIL', name: 'Infantil (cortesia)', extra: true, price: 0, platformCode: 'infantil', channels: [{ name: 'Cartoon Network', number: 84, family: 'Infantil' }] },
    { id: 'PKG-DEEZER', name: 'Deezer Premium', platformCode: 'deezer-premium' },
    { id: 'PKG-DEEZER-FAMILIA', name: 'Deezer Família', extra: true, price: 990, platformCode: 'deezer-family' },
  ],
  pointLocations: ['Sala', 'Quarto 1', 'Quarto 2', 'Cozinha', 'Escritório'],
  setTopBoxes: Array.from({ length: 6 }, (_, i) => ({ casn: `BNS${String(i + 1).padStart(9, '0')}`, assetNumber: `PAT-${String(i + 1).padStart(5, '0')}`, model: 'Beenius STB 4K' })),
  customers: [
    {
      id: '1001', name: 'Maria da Silva', document: '12345678909',
      plans: [{ id: '5001', planId: 'TV-BEENIUS', radiusLogin: 'maria.silva', extraPackages: [{ packageId: 'PKG-HBO' }], points: [{ location: 'Sala', casn: 'BNS000000001' }] }],
    },
    { id: '1002', name: 'João Souza', plans: [{ id: '5002', planId: 'TV-CDNTV', radiusLogin: 'joao.souza' }] },
    { id: '1003', name: 'Ana Costa', plans: [{ id: '5003', planId: 'TV-BEENIUS' }] },
  ],
};
