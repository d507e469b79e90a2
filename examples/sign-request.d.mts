// Types for examples/sign-request.mjs, so TypeScript callers (and the tests) get them checked.
export interface StationHeaderInput {
  key: string;
  secret: string;
  method: string;
  /** Path and query exactly as sent, e.g. `/api/v1/payments/A1001?wait=30`. */
  target: string;
  /** The exact bytes sent; '' (the default) when there is no body. */
  body?: string | Uint8Array;
  /** Unix seconds. @default now */
  timestamp?: string | number;
  /** @default 16 random bytes, base64url */
  nonce?: string;
}

export function stationHeaders(input: StationHeaderInput): {
  'X-Station-Key': string;
  'X-Station-Timestamp': string;
  'X-Station-Nonce': string;
  'X-Station-Signature': string;
};

export function callStation(input: {
  url: string;
  key: string;
  secret: string;
  method: string;
  target: string;
  body?: string;
}): Promise<{ status: number; json: unknown; text: string }>;

export function verifyStationSignature(input: {
  secret: string;
  method: string;
  target: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string | Uint8Array;
}): boolean;
