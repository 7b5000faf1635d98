/**
 * PHP-style parameter encoding: Shop-Script reads `$_POST`/`$_GET`, so arrays and objects
 * travel as `items[0][sku_id]=1`, `fields[]=user`. Null and undefined values are left out.
 */
type ParamValue = string | number | boolean | null | undefined | ParamValue[] | { [key: string]: ParamValue };
export type Params = Record<string, ParamValue>;

export function encodePhpParams(params: Params): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) append(out, key, value);
  return out;
}

function append(out: URLSearchParams, key: string, value: ParamValue): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    // Lists of scalars become `key[]=a&key[]=b`, as PHP builds arrays from them;
    // lists of objects need explicit indices so that each object's keys stay together.
    const scalars = value.every((v) => v === null || typeof v !== 'object');
    for (const [i, v] of value.entries()) append(out, scalars ? `${key}[]` : `${key}[${i}]`, v);
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) append(out, `${key}[${k}]`, v);
    return;
  }
  out.append(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
}
