/**
 * Deterministic randomness for the world generator: independent streams per concern (so changing how one app is
 * generated does not reshuffle the others), sampling, and id / token shapes.
 */
import { createRng, type Rng } from "../kit/rng.ts";
import { seconds } from "./instant.ts";

/** Streams derived from the world seed. */
export const STREAMS = {
  hr: 1,
  credentials: 2,
  productboard: 11,
  productive: 12,
  proofhub: 13,
  podio: 14,
  docebo: 15,
} as const;

/** An independent generator for one concern of the world with this seed. */
export function streamRng(seed: number, stream: number): Rng {
  let h = (seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return createRng((h ^ (h >>> 16)) >>> 0);
}

/** Lower-case hex of `length` characters. */
export function hex(rng: Rng, length: number): string {
  let out = "";
  while (out.length < length) {
    out += Math.floor(rng.next() * 4294967296)
      .toString(16)
      .padStart(8, "0");
  }
  return out.slice(0, length);
}

/** A version-4 shaped UUID. */
export function uuid(rng: Rng): string {
  const h = hex(rng, 32);
  const variant = "89ab"[Math.floor(rng.next() * 4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Shuffle in place (Fisher–Yates). */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

/** Up to `count` distinct items, in random order; the input is not modified. */
export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = items.slice();
  const take = Math.max(0, Math.min(count, pool.length));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i));
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.slice(0, take);
}

/** Pick an index by relative weights. */
export function weightedIndex(rng: Rng, cumulative: readonly number[]): number {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const target = rng.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A uniformly random instant in [from, to], whole seconds. */
export function between(rng: Rng, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return seconds(fromMs);
  return seconds(fromMs + rng.next() * (toMs - fromMs));
}
