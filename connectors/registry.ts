import type { BillingSystem, ConnectorDefinition, ConnectorDeps } from './ports';
import { lanbillingConnector } from './lanbilling';
import { intercomConnector } from './intercom';
import { ispIntegratorConnector } from './isp-integrator';
import { tvConnectors } from './tv';

/**
 * Every connector subsync knows, by kind. Adding a platform: write its folder, add one line
 * here, and name it in the config's `platforms` block. Nothing in workflows/ changes.
 */
export const billingConnectors: ConnectorDefinition<any, BillingSystem>[] = [lanbillingConnector, ispIntegratorConnector];
export const platformConnectors: ConnectorDefinition<any, unknown>[] = [intercomConnector, ...tvConnectors];

const byKind = <T>(defs: ConnectorDefinition<any, T>[]) => new Map(defs.map((d) => [d.kind, d]));
const billingByKind = byKind(billingConnectors);
const platformByKind = byKind(platformConnectors);

export function billingDefinition(kind: string): ConnectorDefinition<any, BillingSystem> | undefined {
  return billingByKind.get(kind);
}

export function platformDefinition(kind: string): ConnectorDefinition<any, unknown> | undefined {
  return platformByKind.get(kind);
}

export const knownBillingKinds = () => [...billingByKind.keys()];
export const knownPlatformKinds = () => [...platformByKind.keys()];

/** The connector instances built from a validated config. */
export interface Connectors {
  billing: Map<string, BillingSystem>;
  platforms: Map<string, unknown>;
}

export function buildConnectors(
  config: { billing: Record<string, { kind: string; settings: unknown }>; platforms: Record<string, { kind: string; settings: unknown }> },
  deps: ConnectorDeps,
): Connectors {
  const billing = new Map<string, BillingSystem>();
  for (const [name, b] of Object.entries(config.billing)) billing.set(name, billingDefinition(b.kind)!.create(name, b.settings, deps));
  const platforms = new Map<string, unknown>();
  for (const [name, p] of Object.entries(config.platforms)) platforms.set(name, platformDefinition(p.kind)!.create(name, p.settings, deps));
  return { billing, platforms };
}
