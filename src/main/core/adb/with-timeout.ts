import { AdbTimeoutError } from './adb-errors';

/**
 * Races `promise` against a timer. adb requests to a wedged device can hang forever, and one
 * hung request must not stall the tracker or a health check. `onTimeout` frees what the request holds.
 */
export function withTimeout<T>(
  promise: PromiseLike<T>,
  timeoutMs: number,
  request: string,
  onTimeout?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new AdbTimeoutError(request, timeoutMs));
    }, timeoutMs);
    timer.unref();
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
