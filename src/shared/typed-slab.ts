// Typed arrays carved out of a few large buffers instead of one allocation each. The whole market's
// columns are ~60,000 small arrays (10,000 symbols × 6 columns) that live and die together; allocated one
// by one they land in malloc's heap between longer-lived chunks, and once freed the holes they leave are
// not given back to the system (the bot's RSS grew ~100 MB a scheduled scan that way, while the JS heap and
// the live array buffers stayed flat). Carved from multi-megabyte chunks, a generation of arrays is a
// handful of big allocations that are freed whole when the last array over them is dropped.

export interface TypedSlab {
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
}

/** 4 MiB: well above malloc's mmap threshold, and little waste at the end of a 60 MB market. */
export const SLAB_CHUNK_BYTES = 4 << 20;

/**
 * A bump allocator: each array takes the next free bytes of the current chunk (zero-filled, as `new
 * Float64Array(n)` is); an array larger than a chunk gets a buffer of its own. Nothing is freed one at a
 * time: a chunk goes when no array over it is reachable, so give arrays that die together one slab.
 */
export function createTypedSlab(chunkBytes = SLAB_CHUNK_BYTES): TypedSlab {
  let buffer: ArrayBuffer | null = null;
  let used = 0;
  /** byte offset of `bytes` more, 8-byte aligned so every element type can view it */
  const take = (bytes: number): [ArrayBuffer, number] => {
    const size = (bytes + 7) & ~7;
    if (size > chunkBytes) return [new ArrayBuffer(size), 0];
    if (!buffer || used + size > chunkBytes) {
      buffer = new ArrayBuffer(chunkBytes);
      used = 0;
    }
    const at = used;
    used += size;
    return [buffer, at];
  };
  return {
    f64(length) {
      const [b, at] = take(length * 8);
      return new Float64Array(b, at, length);
    },
    i32(length) {
      const [b, at] = take(length * 4);
      return new Int32Array(b, at, length);
    },
  };
}
