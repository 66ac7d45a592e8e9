import { describe, expect, it } from 'vitest';
import { createTypedSlab } from '../../src/shared/typed-slab';

describe('typed slab', () => {
  it('hands out zero-filled arrays that never overlap, sharing a few big buffers', () => {
    const slab = createTypedSlab(1024);
    const arrays = [slab.f64(10), slab.i32(3), slab.f64(7), slab.i32(5), slab.f64(100)];
    arrays.forEach((a, k) => {
      expect([...a].every((x) => x === 0)).toBe(true);
      a.fill(k + 1);
    });
    // each still holds what was written into it: no array writes into another's bytes
    arrays.forEach((a, k) => expect([...a].every((x) => x === k + 1)).toBe(true));
    expect(arrays[0]!.buffer).toBe(arrays[1]!.buffer);
    // every array starts 8-byte aligned, so any element type can view the same buffer
    for (const a of arrays) expect(a.byteOffset % 8).toBe(0);
  });

  it('starts a new chunk when the current one is full, and gives a larger array its own buffer', () => {
    const slab = createTypedSlab(64);
    const a = slab.f64(6);
    const b = slab.f64(4);
    expect(b.buffer).not.toBe(a.buffer);
    const big = slab.f64(100);
    expect(big.length).toBe(100);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(800);
  });
});
