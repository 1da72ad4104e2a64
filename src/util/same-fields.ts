/**
 * Whether two values hold the same data: primitives by `===`, arrays item by
 * item, plain objects field by field, a field holding `undefined` being the
 * same as none. A key computed from nothing but a value's fields is then the
 * same for both, so equal items need no key (the comparison of a declared
 * schema with the database it was created from finds most items so).
 *
 * @example
 * ```ts
 * sameFields({ kind: "string", length: 20 }, { length: 20, kind: "string" }); // true
 * sameFields({ kind: "text", collation: undefined }, { kind: "text" }); // true
 * ```
 */
export function sameFields(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameFields(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let defined = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined) continue;
    defined++;
    if (!sameFields(value, right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) defined--;
  return defined === 0;
}
