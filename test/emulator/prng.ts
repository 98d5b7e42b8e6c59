/**
 * Seeded pseudo-random numbers (mulberry32) so that demo data, synthetic data, rescoring and
 * fault injection are reproducible run after run.
 */
export interface Prng {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max] */
  int(min: number, max: number): number;
  /** one element of a non-empty array */
  pick<T>(items: readonly T[]): T;
  /** `n` lowercase hex characters */
  hex(n: number): string;
}

/** FNV-1a hash of a string seed to a 32-bit integer. */
export function hashSeed(seed: string | number): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates a deterministic generator from any string or number seed. */
export function createPrng(seed: string | number): Prng {
  let a = hashSeed(seed);
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    hex: (n) => {
      let out = '';
      while (out.length < n) out += Math.floor(next() * 0x10000).toString(16).padStart(4, '0');
      return out.slice(0, n);
    },
  };
}
