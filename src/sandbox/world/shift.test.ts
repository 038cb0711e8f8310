import { describe, expect, it } from "vitest";
import { generateWorld } from "./generate.ts";
import { shiftWorldTimes } from "./shift.ts";

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

/** Walk two values of the same shape side by side and hand every pair of strings to `visit`. */
function walk(
  a: unknown,
  b: unknown,
  path: string,
  visit: (x: string, y: string, path: string) => void,
): void {
  if (typeof a === "string") {
    expect(typeof b, path).toBe("string");
    visit(a, b as string, path);
  } else if (Array.isArray(a)) {
    expect((b as unknown[]).length, path).toBe(a.length);
    for (let i = 0; i < a.length; i++) walk(a[i], (b as unknown[])[i], `${path}[${i}]`, visit);
  } else if (a !== null && typeof a === "object") {
    expect(Object.keys(b as object), path).toEqual(Object.keys(a));
    for (const [key, value] of Object.entries(a))
      walk(value, (b as Record<string, unknown>)[key], `${path}.${key}`, visit);
  } else {
    expect(b, path).toBe(a);
  }
}

describe("shiftWorldTimes", () => {
  const world = generateWorld({ people: 300, seed: 4 });
  const before = JSON.stringify(world);

  it.each([
    ["forward by days and hours", Date.parse("2027-03-14T09:26:53.589Z")],
    ["backward", Date.parse("2025-01-01T00:00:00.000Z")],
  ])("moves every timestamp by the same delta (%s), dates by whole days", (_, now) => {
    const shifted = shiftWorldTimes(world, now);
    const delta = now - Date.parse(world.asOf);
    const dayDelta = Math.floor(delta / DAY) * DAY;
    expect(shifted.asOf).toBe(new Date(now).toISOString());
    let instants = 0;
    let dates = 0;
    const { asOf: _a, ...restBefore } = world;
    const { asOf: _b, ...restAfter } = shifted;
    walk(restBefore, restAfter, "world", (x, y, path) => {
      if (INSTANT.test(x)) {
        instants++;
        expect(Date.parse(y) - Date.parse(x), path).toBe(delta);
      } else if (DATE.test(x)) {
        dates++;
        expect(Date.parse(y) - Date.parse(x), path).toBe(dayDelta);
      } else {
        expect(y, path).toBe(x);
      }
    });
    expect(instants).toBeGreaterThan(1000);
    expect(dates).toBeGreaterThan(300);
    // Leavers still left before the (new) asOf.
    for (const person of shifted.hr)
      if (person.endDate) expect(person.endDate < shifted.asOf.slice(0, 10)).toBe(true);
  });

  it("does not touch the world it was given", () => {
    shiftWorldTimes(world, Date.parse("2030-01-01T00:00:00Z"));
    expect(JSON.stringify(world)).toBe(before);
  });

  it("is the identity at asOf", () => {
    expect(shiftWorldTimes(world, Date.parse(world.asOf))).toEqual(world);
  });
});
