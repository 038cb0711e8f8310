/**
 * Grants come from one list per branch (`orgchart/{id}/users`) and one per group (`group/{id}/members`). Each list
 * is walked page by page (the next page is known only from `has_more_data`), but different lists are independent
 * reads, so up to `concurrency` of them run side by side — the HTTP layer's limiter still paces every request
 * against the budget. Pages are handed out as they arrive; the order between lists is not defined.
 */

interface Step<T> {
  iterator: AsyncIterator<T>;
  result: IteratorResult<T>;
}

/**
 * Merge several async walks, at most `concurrency` open at once. The first error stops everything: walks still
 * open finish the request in flight and are closed, then the error propagates (the listing is incomplete).
 */
export async function* mergeWalks<T>(
  walks: Iterable<() => AsyncIterable<T>>,
  concurrency: number,
): AsyncGenerator<T, void, undefined> {
  const waiting = walks[Symbol.iterator]();
  /** The next step of every open walk. */
  const open = new Map<AsyncIterator<T>, Promise<Step<T>>>();

  const advance = (iterator: AsyncIterator<T>) => {
    const step = iterator.next().then((result) => ({ iterator, result }));
    // Rejections are read through `Promise.race` below; this keeps an unread one from being "unhandled".
    step.catch(() => {});
    open.set(iterator, step);
  };
  const startNext = (): boolean => {
    const walk = waiting.next();
    if (walk.done) return false;
    advance(walk.value()[Symbol.asyncIterator]());
    return true;
  };

  try {
    while (open.size < Math.max(1, concurrency) && startNext()) {}
    while (open.size > 0) {
      const { iterator, result } = await Promise.race(open.values());
      if (result.done) {
        open.delete(iterator);
        startNext();
        continue;
      }
      // Ask for the walk's next page before handing this one out, so the consumer's work overlaps the request.
      advance(iterator);
      yield result.value;
    }
  } finally {
    await Promise.allSettled(
      [...open].map(async ([iterator, step]) => {
        await step.catch(() => undefined);
        await iterator.return?.();
      }),
    );
  }
}
