import type { FieldIssue } from './settings-schemas';

/**
 * A command that failed, as the window sees it. Codes are stable: `BRIDGE_INVALID_INPUT` for an
 * input the contract refuses, `BRIDGE_DISCONNECTED` when the WebSocket is down, otherwise the
 * core error's own `code` (e.g. `ORDER_TRANSITION_NOT_ALLOWED`).
 */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export function isBridgeError(err: unknown): err is BridgeError {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}
