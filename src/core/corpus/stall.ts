// A read that gets no answer: a hung network drive, or a reader stuck in a hostile file.

/** Thrown by withinTime when the work took longer than allowed. */
export class Stalled extends Error {
  override name = 'Stalled';
}

/** `work`, or a Stalled error after `ms`; a late rejection of `work` is ignored. */
export function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Stalled('stalled')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
