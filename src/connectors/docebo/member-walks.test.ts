import { describe, expect, it } from "vitest";
import { mergeWalks } from "./member-walks.ts";

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("mergeWalks", () => {
  it("hands out every page of every walk with at most `concurrency` walks open", async () => {
    let open = 0;
    let most = 0;
    const walk = (name: string, pages: number) =>
      async function* () {
        open += 1;
        most = Math.max(most, open);
        try {
          for (let i = 1; i <= pages; i++) {
            await tick();
            yield `${name}${i}`;
          }
        } finally {
          open -= 1;
        }
      };
    const got: string[] = [];
    for await (const page of mergeWalks([walk("a", 3), walk("b", 1), walk("c", 2), walk("d", 0)], 2))
      got.push(page);
    expect(got.sort()).toEqual(["a1", "a2", "a3", "b1", "c1", "c2"]);
    expect(most).toBe(2);
    expect(open).toBe(0);
  });

  it("stops at the first error and closes the walks still open", async () => {
    const closed: string[] = [];
    const endless = (name: string) =>
      async function* () {
        try {
          for (;;) {
            await tick();
            yield name;
          }
        } finally {
          closed.push(name);
        }
      };
    async function* failing() {
      await tick();
      yield "x";
      throw new Error("docebo: list group members: 503");
    }
    const pages: string[] = [];
    await expect(async () => {
      for await (const page of mergeWalks([endless("a"), () => failing(), endless("b")], 3)) pages.push(page);
    }).rejects.toThrow("503");
    expect(closed.sort()).toEqual(["a", "b"]);
    expect(pages).toContain("x");
  });

  it("closes the open walks when the consumer stops early", async () => {
    const closed: string[] = [];
    const walk = (name: string) =>
      async function* () {
        try {
          for (let i = 0; i < 10; i++) yield name;
        } finally {
          closed.push(name);
        }
      };
    for await (const _ of mergeWalks([walk("a"), walk("b"), walk("c")], 2)) break;
    expect(closed.sort()).toEqual(["a", "b"]);
  });
});
