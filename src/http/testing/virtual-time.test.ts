import { describe, expect, it } from "vitest";
import { ManualClock } from "../../sandbox/kit/clock.ts";
import { virtualTime } from "./virtual-time.ts";

describe("virtualTime", () => {
  it("fires sleeps in time order and moves the shared clock to each instant", async () => {
    const clock = new ManualClock(1000);
    const time = virtualTime({ clock });
    const fired: [string, number][] = [];
    await Promise.all([
      time.sleep(300).then(() => fired.push(["b", clock.now()])),
      time.sleep(100).then(() => fired.push(["a", clock.now()])),
      time.sleep(300).then(() => fired.push(["c", clock.now()])),
    ]);
    expect(fired).toEqual([
      ["a", 1100],
      ["b", 1300],
      ["c", 1300],
    ]);
  });

  it("drops an aborted sleep without moving time", async () => {
    const time = virtualTime({ start: 0 });
    const controller = new AbortController();
    const sleeping = time.sleep(10_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(sleeping).rejects.toThrow("stop");
    await time.sleep(5);
    expect(time.clock.now()).toBe(5);
    expect(time.pending()).toBe(0);
  });
});
