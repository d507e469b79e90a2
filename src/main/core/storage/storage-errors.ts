import { StationError } from '../util/station-error';

/** Errors from the storage layer. `code` is stable; the message says what to do next. */
export class StorageError extends StationError {
  constructor(
    readonly code: 'DATABASE_TOO_NEW' | 'DATABASE_OPEN_FAILED' | 'STORAGE_CLOSED',
    message: string,
  ) {
    super(message);
  }
}
