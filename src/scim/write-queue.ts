/**
 * Serialises the writes of one mount: each read-check-write (ETag, uniqueness, membership) runs alone, so two
 * concurrent PATCHes cannot lose an update and two POSTs cannot both take a userName. Reads are not queued.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
