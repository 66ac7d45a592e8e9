// Walks any value and lists the paths holding NaN or ±Infinity, so a test can assert a metric object
// is clean all the way down: expect(nonFinitePaths(result)).toEqual([]).
export function nonFinitePaths(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number>;
    for (let i = 0; i < arr.length; i++) nonFinitePaths(arr[i], `${path}[${i}]`, out);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFinitePaths(v, `${path}[${i}]`, out));
  } else if (value instanceof Map) {
    for (const [k, v] of value) nonFinitePaths(v, `${path}.get(${String(k)})`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}.${k}`, out);
  }
  return out;
}
