import { randomBytes } from 'node:crypto';
import { SIGNATURE_HEADERS, signRequest } from '../auth/request-signature';

export interface CallbackCredentials {
  key: string;
  secret: string;
}

export interface PostResult {
  /** The HTTP status, or null when no answer came (refused, timeout, DNS…). */
  status: number | null;
  error: string | null;
}

/**
 * POSTs one callback body, signed like the backend signs its requests to us, so the
 * backend verifies both directions with one routine. Never throws.
 */
export async function postSignedCallback(options: {
  url: string;
  body: string;
  eventId: string;
  credentials: CallbackCredentials;
  /** Unix seconds for X-Station-Timestamp. */
  timestamp: number;
  timeoutMs: number;
}): Promise<PostResult> {
  let target: string;
  try {
    const u = new URL(options.url);
    target = u.pathname + u.search;
  } catch {
    return { status: null, error: `invalid callbackUrl ${options.url}` };
  }
  const nonce = randomBytes(16).toString('base64url');
  const signature = signRequest(options.credentials.secret, {
    method: 'POST',
    target,
    timestamp: options.timestamp,
    nonce,
    body: options.body,
  });
  try {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADERS.key]: options.credentials.key,
        [SIGNATURE_HEADERS.timestamp]: String(options.timestamp),
        [SIGNATURE_HEADERS.nonce]: nonce,
        [SIGNATURE_HEADERS.signature]: signature,
        'x-station-event-id': options.eventId,
      },
      body: options.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Drain the body so the connection can be reused; its content does not matter.
    await res.arrayBuffer().catch(() => undefined);
    return res.status >= 200 && res.status < 300
      ? { status: res.status, error: null }
      : { status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const detail = e.cause?.code ?? e.cause?.message ?? e.message;
    return { status: null, error: `${e.name}: ${detail}` };
  }
}
