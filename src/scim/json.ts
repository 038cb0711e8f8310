/** A JSON object as parsed from a request body or kept by a store. */
export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length && keys.every((key) => key in b && jsonEqual(a[key], b[key]))
    );
  }
  return false;
}

/** The key of `container` equal to `name` ignoring case, or undefined. */
export function findKey(container: Json, name: string): string | undefined {
  if (name in container) return name;
  const wanted = name.toLowerCase();
  return Object.keys(container).find((key) => key.toLowerCase() === wanted);
}
