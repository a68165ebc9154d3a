import type { AnyPort, BillingSystem, Connector, ConnectorDefinition, ConnectorDeps, Port } from './ports';
import { billingPort } from './ports';
import { beeniusConnector } from './beenius/definition';
import { cdnTvConnector } from './cdntv/definition';
import { deezerConnector } from './deezer/definition';
import { fastviewerConnector } from './fastviewer/definition';
import { intercomConnector } from './intercom/definition';
import { ionConnector } from './ion/definition';
import { ispIntegratorConnector } from './isp-integrator/definition';
import { informaticsSapConnector } from './informatics-sap/definition';
import { lanbillingConnector } from './lanbilling/definition';
import { licenseCentralConnector } from './license-central/definition';
import { maxiTvConnector } from './maxitv/definition';
import { mcrConnector } from './mcr/definition';
import { neoTvConnector } from './neotv/definition';
import { videoResellConnector } from './video-resell/definition';

/** A definition of any config and instance type: each one checks its own config block. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConnectorDefinition = ConnectorDefinition<any, any>;

/**
 * Every connector subsync knows: the one list. Each entry is the connector's light definition (kind,
 * title, port, config schema); its protocol client loads when `create` builds an instance, so a
 * process carries only the clients its config names. Adding a platform is one line here plus a block
 * in the config's `platforms`; config defaults, the simulators, ISP-Integrator's accepted TV
 * platform codes, the contract suite and the bench all read this list. Nothing in workflows/ changes.
 */
const builtIn: AnyConnectorDefinition[] = [
  lanbillingConnector,
  ispIntegratorConnector,
  intercomConnector,
  beeniusConnector,
  cdnTvConnector,
  ionConnector,
  neoTvConnector,
  mcrConnector,
  deezerConnector,
  maxiTvConnector,
  licenseCentralConnector,
  fastviewerConnector,
  videoResellConnector,
  informaticsSapConnector,
];

const byKind = new Map<string, AnyConnectorDefinition>(builtIn.map((d) => [d.kind, d]));

/**
 * Adds a connector defined outside this folder (a plug-in, or a test's fixture platform). It must
 * be registered before the config that names it is loaded.
 */
export function registerConnector(definition: AnyConnectorDefinition): void {
  const existing = byKind.get(definition.kind);
  if (existing && existing !== definition) throw new Error(`a connector of kind "${definition.kind}" is already registered`);
  byKind.set(definition.kind, definition);
}

export function connectorDefinition(kind: string): AnyConnectorDefinition | undefined {
  return byKind.get(kind);
}

/** Every registered connector, in registration order. */
export function connectorDefinitions(): AnyConnectorDefinition[] {
  return [...byKind.values()];
}

/** The registered connectors that implement one port (e.g. every TV platform). */
export function connectorsImplementing(port: AnyPort): AnyConnectorDefinition[] {
  return connectorDefinitions().filter((d) => d.port.id === port.id);
}

/** A connector the config does not name, or one that does not implement the port asked for. */
export class UnknownConnectorError extends Error {
  override name = 'UnknownConnectorError';
}

interface Entry {
  definition: AnyConnectorDefinition;
  instance: Connector;
}

/**
 * The connector instances built from a validated config, by config name. Callers name the port
 * they expect, so an instance comes back typed as that port's interface or not at all.
 */
export class Connectors {
  private readonly entries = new Map<string, Entry>();

  constructor(entries: Iterable<[string, Entry]>) {
    for (const [name, entry] of entries) this.entries.set(name, entry);
  }

  /** The instance named `name` if it implements `port`; throws UnknownConnectorError naming what is configured. */
  get<T>(port: Port<T>, name: string): T {
    const found = this.find(port, name);
    if (found) return found;
    const entry = this.entries.get(name);
    if (entry) throw new UnknownConnectorError(`"${name}" is a ${entry.definition.port.title} (${entry.definition.kind}), not a ${port.title}`);
    const names = this.names(port);
    throw new UnknownConnectorError(`no ${port.title} named "${name}" is configured${names.length ? `; configured: ${names.join(', ')}` : ''}`);
  }

  find<T>(port: Port<T>, name: string): T | undefined {
    const entry = this.entries.get(name);
    // Built by a definition that declared this port, so the instance implements T.
    return entry && implementsPort(entry.definition, port) ? (entry.instance as T) : undefined;
  }

  /** Config names of the instances that implement `port`. */
  names(port: AnyPort): string[] {
    return [...this.entries].filter(([, e]) => implementsPort(e.definition, port)).map(([name]) => name);
  }

  /** The billing system of that config name (the most common look-up). */
  billing(name: string): BillingSystem {
    return this.get(billingPort, name);
  }

  billingNames(): string[] {
    return this.names(billingPort);
  }

  /** Every instance with its config name and definition, e.g. for health checks. */
  all(): { name: string; definition: AnyConnectorDefinition; instance: Connector }[] {
    return [...this.entries].map(([name, e]) => ({ name, ...e }));
  }
}

/** Whether instances of this definition implement `port`: their main port or one they also implement. */
export function implementsPort(definition: AnyConnectorDefinition, port: { id: string }): boolean {
  return definition.port.id === port.id || (definition.alsoImplements ?? []).some((p) => p.id === port.id);
}

export function buildConnectors(config: { billing: Record<string, { kind: string; settings: unknown }>; platforms: Record<string, { kind: string; settings: unknown }> }, deps: ConnectorDeps): Connectors {
  const entries: [string, Entry][] = [];
  for (const [name, block] of [...Object.entries(config.billing), ...Object.entries(config.platforms)]) {
    const definition = connectorDefinition(block.kind);
    if (!definition) throw new UnknownConnectorError(`no connector of kind "${block.kind}" is registered (config entry "${name}")`);
    entries.push([name, { definition, instance: definition.create(name, block.settings, deps) }]);
  }
  return new Connectors(entries);
}
