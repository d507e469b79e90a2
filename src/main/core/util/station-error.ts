/**
 * An error the station raises on purpose: a stable `code` callers branch on (the HTTP API maps
 * codes to status codes in one table, the window shows them), a message that says what to do
 * next, and the facts behind it in `details`. Anything else that is thrown is a bug.
 */
export abstract class StationError extends Error {
  abstract readonly code: string;

  constructor(
    message: string,
    /** Facts a caller may show or act on; the API sends them as `error.details`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
