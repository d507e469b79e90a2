/** Thrown to waiters when the process that owned the semaphore dies. */
export class SemaphoreDisposedError extends Error {
  constructor() {
    super('semaphore disposed: the simulated app process died');
    this.name = 'SemaphoreDisposedError';
  }
}

/** A counting semaphore with FIFO waiters, like `java.util.concurrent.Semaphore` (fair). */
export class AsyncSemaphore {
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private disposed = false;

  constructor(private permits: number) {}

  get available(): number {
    return this.permits;
  }

  get queueLength(): number {
    return this.waiters.length;
  }

  acquire(): Promise<void> {
    if (this.disposed) return Promise.reject(new SemaphoreDisposedError());
    if (this.permits > 0 && this.waiters.length === 0) {
      this.permits--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(): void {
    if (this.disposed) return;
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.permits++;
  }

  /** Rejects every waiter: their "threads" die with the process. */
  dispose(): void {
    this.disposed = true;
    for (const w of this.waiters.splice(0)) w.reject(new SemaphoreDisposedError());
  }
}
