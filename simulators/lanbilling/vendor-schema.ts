import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WSDL } from 'soap';

/**
 * LANBilling's own api3.wsdl (vendor/README.md says where it comes from) and the field lists of
 * its types, read through node-soap's parser. The simulator serves this file unchanged and
 * builds every answer from these field lists, so an answer can only carry what the vendor's
 * types define, in their order.
 */
export const VENDOR_WSDL_FILE = path.join(__dirname, 'vendor', 'api3.wsdl');
export const VENDOR_ENCODING_FILE = path.join(__dirname, 'vendor', 'encoding.xml');
export const VENDOR_WSDL = readFileSync(VENDOR_WSDL_FILE, 'utf8');
export const VENDOR_ENCODING_XML = readFileSync(VENDOR_ENCODING_FILE, 'utf8');
const API3_NS = 'urn:api3';

export interface VendorField {
  name: string;
  /** As written in the WSDL: `xsd:long`, `xsd:string`, `lbapi:soapVgroupBrief`, ... */
  type: string;
  minOccurs: number;
  maxOccurs: number;
  /** The schema's `default`, already typed (gSOAP writes every member, absent ones with this value). */
  default?: unknown;
}

interface SchemaNode {
  name?: string;
  $name?: string;
  $type?: string;
  $minOccurs?: string;
  $maxOccurs?: string;
  $default?: string;
  children: SchemaNode[];
}

export class VendorSchema {
  private readonly types = new Map<string, VendorField[]>();
  private readonly elements = new Map<string, VendorField[]>();

  constructor(readonly wsdl: WSDL) {}

  /** The fields of complexType `name` (e.g. soapVgroupBrief), in sequence order. */
  type(name: string): VendorField[] {
    return this.cached(this.types, name, () => this.api3().complexTypes[name] as unknown as SchemaNode | undefined, `complexType ${name}`);
  }

  /** The fields of the top-level element `name` (e.g. getVgroupsResponse), in sequence order. */
  element(name: string): VendorField[] {
    return this.cached(this.elements, name, () => (this.api3().elements[name] as unknown as SchemaNode | undefined)?.children.find((c) => c.name === 'complexType'), `element ${name}`);
  }

  /** The operations the vendor's binding defines. */
  operations(): string[] {
    const bindings = Object.values(this.wsdl.definitions.bindings) as unknown as { methods: Record<string, unknown> }[];
    return Object.keys(bindings[0]?.methods ?? {});
  }

  private api3() {
    const schema = this.wsdl.definitions.schemas[API3_NS];
    if (!schema) throw new Error(`the vendor WSDL has no schema for ${API3_NS}`);
    return schema;
  }

  private cached(cache: Map<string, VendorField[]>, name: string, find: () => SchemaNode | undefined, what: string): VendorField[] {
    const hit = cache.get(name);
    if (hit) return hit;
    const node = find();
    if (!node) throw new Error(`the vendor WSDL defines no ${what}`);
    const sequence = node.children.find((c) => c.name === 'sequence');
    const fields = (sequence?.children ?? []).filter((c) => c.name === 'element').map(fieldOf);
    cache.set(name, fields);
    return fields;
  }
}

function fieldOf(node: SchemaNode): VendorField {
  const type = node.$type ?? 'xsd:string';
  const field: VendorField = {
    name: node.$name!,
    type,
    minOccurs: Number(node.$minOccurs ?? 1),
    maxOccurs: node.$maxOccurs === 'unbounded' ? Infinity : Number(node.$maxOccurs ?? 1),
  };
  if (node.$default !== undefined) field.default = typedValue(type, node.$default);
  return field;
}

export function typedValue(type: string, text: string): unknown {
  if (/^xsd:(long|int|unsignedLong|double|float|short|byte)$/.test(type)) return Number(text);
  if (type === 'xsd:boolean') return text === 'true' || text === '1';
  return text;
}
