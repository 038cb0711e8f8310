import { describe, expect, it } from "vitest";
import { createRng } from "../kit/rng.ts";
import { byLastSeen, byName, MemberOrder } from "./member-order.ts";
import { type MemberRecord, memberRecord, podioTime } from "./member-record.ts";

function record(userId: number, name: string, lastSeen: string | null): MemberRecord {
  return memberRecord({
    user_id: userId,
    profile_id: userId,
    name,
    mail: `u${userId}@x.example`,
    mails: [],
    role: "regular",
    employee: true,
    status: "active",
    last_seen_on: lastSeen,
    created_on: "2024-01-01T00:00:00Z",
  });
}

describe("MemberOrder", () => {
  it("keeps name order (case-insensitive, then user id) through inserts and removals", () => {
    const rng = createRng(7);
    const order = new MemberOrder(byName);
    const names = ["anna", "Bert", "carl", "Anna", "bert", "Zoe", "émile"];
    const live: MemberRecord[] = names.map((n, i) => record(i + 1, n, null));
    order.load(live);
    for (let step = 0; step < 300; step += 1) {
      if (live.length > 0 && rng.chance(0.4)) {
        const victim = live.splice(rng.int(0, live.length - 1), 1)[0]!;
        expect(order.remove(victim)).toBe(true);
        expect(order.remove(victim)).toBe(false);
      } else {
        const added = record(100 + step, rng.pick(names) + rng.pick(["", " x", "A"]), null);
        live.push(added);
        order.insert(added);
      }
      const expected = [...live].sort(byName).map((m) => m.user_id);
      expect(order.page(0, live.length + 5, false).map((m) => m.user_id)).toEqual(expected);
    }
  });

  it("pages ascending and descending; never-seen members sort last", () => {
    const order = new MemberOrder(byLastSeen);
    order.load([
      record(1, "a", "2026-01-03T00:00:00Z"),
      record(2, "b", null),
      record(3, "c", "2026-01-01T00:00:00Z"),
      record(4, "d", "2026-01-02T00:00:00Z"),
    ]);
    const ids = (items: MemberRecord[]) => items.map((m) => m.user_id);
    expect(ids(order.page(0, 10, false))).toEqual([3, 4, 1, 2]);
    expect(ids(order.page(1, 2, false))).toEqual([4, 1]);
    expect(ids(order.page(0, 3, true))).toEqual([2, 1, 4]);
    expect(ids(order.page(3, 3, true))).toEqual([3]);
    expect(ids(order.page(4, 3, true))).toEqual([]);
    expect(order.at(0, true)?.user_id).toBe(2);
  });
});

describe("podioTime", () => {
  it("formats UTC as YYYY-MM-DD HH:MM:SS, like Podio", () => {
    const rng = createRng(3);
    for (let i = 0; i < 2000; i += 1) {
      const ms = Math.floor(rng.next() * 4e12) - 1e12;
      expect(podioTime(ms)).toBe(new Date(ms).toISOString().slice(0, 19).replace("T", " "));
    }
    expect(podioTime(Date.parse("2026-10-31T23:59:59.999Z"))).toBe("2026-10-31 23:59:59");
  });
});
