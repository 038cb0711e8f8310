import { describe, expect, it } from "vitest";
import { createRng } from "../kit/rng.ts";
import { iso, isoDate } from "./instant.ts";

describe("iso", () => {
  it("formats exactly like Date#toISOString", () => {
    const rng = createRng(99);
    const edges = [
      0,
      -1,
      951_782_400_000,
      4_107_542_399_999,
      Date.parse("2024-02-29T23:59:59.999Z"),
      -62_135_596_800_000,
    ];
    for (const ms of edges) expect(iso(ms)).toBe(new Date(ms).toISOString());
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor((rng.next() * 2 - 0.5) * 4e12);
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("cuts dates to YYYY-MM-DD", () => {
    expect(isoDate(Date.parse("2026-11-01T23:00:00Z"))).toBe("2026-11-01");
  });
});
