// Small async coordination primitives for the image store.

/** Many shared holders (pulls) or one exclusive holder (GC), FIFO-fair enough for our use. */
export class SharedExclusiveLock {
  private shared = 0;
  private exclusive = false;
  private readonly waiters: { exclusive: boolean; wake: () => void }[] = [];

  private admit(): void {
    while (this.waiters.length > 0) {
      const next = this.waiters[0] as { exclusive: boolean; wake: () => void };
      if (next.exclusive ? this.shared === 0 && !this.exclusive : !this.exclusive) {
        this.waiters.shift();
        if (next.exclusive) this.exclusive = true;
        else this.shared++;
        next.wake();
        if (next.exclusive) return;
      } else return;
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    return new Promise((wake) => {
      this.waiters.push({ exclusive, wake });
      this.admit();
    });
  }

  async withShared<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire(false);
    try {
      return await fn();
    } finally {
      this.shared--;
      this.admit();
    }
  }

  async withExclusive<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire(true);
    try {
      return await fn();
    } finally {
      this.exclusive = false;
      this.admit();
    }
  }
}

/** Runs async functions one at a time. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** At most `n` of the given functions run at once. */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
