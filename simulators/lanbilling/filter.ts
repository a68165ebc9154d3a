import { invalid, LbFault } from './lb-fault';
import type { Wire } from './wire';

/**
 * soapFilter as the get* calls take it: any of the vendor's ~150 fields may arrive. The ones a
 * call implements are returned (absent ones as the vendor's default); any other field set to
 * something but its default is refused, because ignoring it would answer a different question
 * than the caller asked.
 */
export interface Filter {
  agentid: number;
  agrmid: number;
  archive: number;
  pgnum: number;
  pgsize: number;
  recordid: number;
  tarid: number;
  userid: number;
  vgid: number;
  catidx: number;
  agrmnum: string;
  login: string;
  receipt: string;
}

export type FilterField = keyof Filter;

export function readFilter(wire: Wire, operation: string, raw: unknown, supported: readonly FilterField[]): Filter {
  const fields = new Map(wire.fieldsOf('soapFilter').map((f) => [f.name, f]));
  const given = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given)) {
    const field = fields.get(name);
    if (!field) throw invalid(`flt.${name}`, 'soapFilter has no such element');
    const isDefault = value === field.default || value === '' || (Array.isArray(value) && value.length === 0);
    if (!(supported as readonly string[]).includes(name)) {
      if (!isDefault) throw new LbFault('Server', `Filter element flt.${name} is not supported by the LANBilling simulator for ${operation}`, `flt.${name}`);
      continue;
    }
    if (typeof field.default === 'number' && typeof value !== 'number') throw invalid(`flt.${name}`, 'must be a number');
    out[name] = value;
  }
  for (const name of supported) {
    if (out[name] === undefined) out[name] = fields.get(name)?.default ?? (name === 'agrmnum' || name === 'login' || name === 'receipt' ? '' : 0);
  }
  return out as unknown as Filter;
}

/** soapOrderby: the simulator answers in id order and knows no other. */
export function refuseOrdering(operation: string, ord: unknown): void {
  const items = Array.isArray(ord) ? ord : ord == null || ord === '' ? [] : [ord];
  if (items.length > 0) throw new LbFault('Server', `Ordering (ord) is not supported by the LANBilling simulator for ${operation}; answers come in id order`, 'ord');
}

/** pgnum/pgsize: pgsize 0 is everything; pages count from 1 (pgnum 0 reads as the first page). */
export function page<T>(items: T[], flt: Pick<Filter, 'pgnum' | 'pgsize'>): T[] {
  if (flt.pgsize <= 0) return items;
  const pgnum = Math.max(1, flt.pgnum);
  return items.slice((pgnum - 1) * flt.pgsize, pgnum * flt.pgsize);
}
