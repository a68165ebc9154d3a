import { PermanentError } from '../errors';

export interface CatalogEntry<Id> {
  /** The package code billing knows ("Pacote liberado no Plano"). */
  code: string;
  /** The platform's own id of that package. */
  id: Id;
}

/**
 * For platforms that address packages by their own ids (Beenius subscription UUIDs, ION product
 * ids, Maxi TV package ids) while billing speaks package codes. The catalog is cached; a code or
 * id it does not know triggers one reload (the operator may just have created the package)
 * before a code is declared unknown.
 */
export class PackageCatalog<Id extends string | number> {
  private byCode = new Map<string, Id>();
  private byId = new Map<string, string>();
  private loadedAt = -Infinity;

  constructor(
    private readonly system: string,
    private readonly load: () => Promise<CatalogEntry<Id>[]>,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async idOf(code: string, operation: string): Promise<Id> {
    const id = await this.lookup(() => this.byCode.get(code));
    if (id === undefined) throw new PermanentError(this.system, operation, 'not_found', `unknown package "${code}"`);
    return id;
  }

  /** The code of a package id; an id the catalog does not list is returned as is, so drift shows up instead of failing a read. */
  async codeOf(id: Id): Promise<string> {
    return (await this.lookup(() => this.byId.get(String(id)))) ?? String(id);
  }

  private async lookup<T>(find: () => T | undefined): Promise<T | undefined> {
    const stale = this.now() - this.loadedAt > this.ttlMs;
    if (stale) await this.refresh();
    const found = find();
    if (found !== undefined || stale) return found;
    await this.refresh();
    return find();
  }

  private async refresh(): Promise<void> {
    const entries = await this.load();
    this.byCode = new Map(entries.map((e) => [e.code, e.id]));
    this.byId = new Map(entries.map((e) => [String(e.id), e.code]));
    this.loadedAt = this.now();
  }
}
