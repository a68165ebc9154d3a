import type { VendorField, VendorSchema } from './vendor-schema';

/**
 * Builds answers the way LANBilling's gSOAP core writes them: every element of the vendor's
 * type, in the type's sequence order, absent values written as the schema's default. A field
 * the vendor's type does not define, or a required one without a value, is a bug in the
 * simulator and throws (it surfaces as a Server fault, never as an off-contract answer).
 *
 * `sparse` answers leave out every optional element that holds its default, as a core of
 * another version (or a proxy) may: the connector must read both.
 */
export type AnswerStyle = 'full' | 'sparse';

export class Wire {
  constructor(
    private readonly schema: VendorSchema,
    private readonly style: () => AnswerStyle,
  ) {}

  /** `<operationResponse>` for `operation` with these element values (e.g. `{ ret: [...] }`). */
  response(operation: string, value: Record<string, unknown>): Record<string, unknown> {
    return this.shape(this.schema.element(`${operation}Response`), value, `${operation}Response`);
  }

  /** The field names of complexType `type`, for checking what a request may carry. */
  fieldsOf(type: string): VendorField[] {
    return this.schema.type(type);
  }

  private shape(fields: VendorField[], value: Record<string, unknown>, path: string): Record<string, unknown> {
    const known = new Set(fields.map((f) => f.name));
    const stray = Object.keys(value).filter((key) => !known.has(key));
    if (stray.length > 0) throw new Error(`${path} has no element ${stray.join(', ')} in the vendor's schema`);
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const written = this.element(field, value[field.name], `${path}.${field.name}`);
      if (written !== undefined) out[field.name] = written;
    }
    return out;
  }

  private element(field: VendorField, value: unknown, path: string): unknown {
    if (field.maxOccurs > 1) {
      const items = value === undefined ? [] : (value as unknown[]);
      if (!Array.isArray(items)) throw new Error(`${path} is a repeated element; give an array`);
      if (items.length < field.minOccurs && items.length > 0) throw new Error(`${path} needs at least ${field.minOccurs} items`);
      // An empty list writes no element at all, even where the schema says minOccurs 1 (see README, Fidelity).
      return items.length === 0 ? undefined : items.map((item, i) => this.single(field, item, `${path}.${i}`));
    }
    if (value === undefined) {
      if (field.default !== undefined) return this.style() === 'full' || field.minOccurs > 0 ? field.default : undefined;
      if (field.minOccurs > 0) throw new Error(`${path} is required by the vendor's schema and has no value`);
      return undefined;
    }
    if (this.style() === 'sparse' && field.minOccurs === 0 && field.default !== undefined && value === field.default) return undefined;
    return this.single(field, value, path);
  }

  private single(field: VendorField, value: unknown, path: string): unknown {
    if (field.type.startsWith('lbapi:')) {
      if (value === null || typeof value !== 'object') throw new Error(`${path} is a ${field.type} and needs an object`);
      return this.shape(this.schema.type(field.type.slice('lbapi:'.length)), value as Record<string, unknown>, path);
    }
    if (/^xsd:(long|int|unsignedLong|double)$/.test(field.type) && typeof value !== 'number') throw new Error(`${path} is ${field.type}, got ${typeof value}`);
    if (field.type === 'xsd:string' && typeof value !== 'string') throw new Error(`${path} is xsd:string, got ${typeof value}`);
    return value;
  }
}
