import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADERS, signatureMatches } from '../main/core/auth/request-signature';
import type { ApiCredentials } from '../main/core/http/api-credentials';

/** What the simulated backend's callback endpoint received, signature already checked. */
export interface ReceivedCallback {
  eventId: string;
  orderNo: string;
  status: string;
  amount: string;
  reason: string | null;
  signatureOk: boolean;
}

export interface CallbackReceiver {
  /** The URL to give as `callbackUrl`. */
  readonly url: string;
  readonly received: readonly ReceivedCallback[];
  close(): Promise<void>;
}

interface CallbackBody {
  eventId?: unknown;
  payment?: { orderNo?: unknown; status?: unknown; amount?: unknown; review?: { reason?: unknown } | null };
}

function header(req: http.IncomingMessage, name: string): string {
  const v = req.headers[name];
  return typeof v === 'string' ? v : '';
}

/**
 * The backend's side of the station's callbacks, on loopback: checks each POST's signature the same
 * way the station checks the backend's requests, answers 204 and reports it.
 */
export async function startCallbackReceiver(
  credentials: ApiCredentials,
  onCallback: (cb: ReceivedCallback) => void,
  options: { port?: number } = {},
): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signatureOk =
        header(req, SIGNATURE_HEADERS.key) === credentials.key &&
        signatureMatches(
          credentials.secret,
          {
            method: req.method ?? 'POST',
            target: req.url ?? '/',
            timestamp: header(req, SIGNATURE_HEADERS.timestamp),
            nonce: header(req, SIGNATURE_HEADERS.nonce),
            body: raw,
          },
          header(req, SIGNATURE_HEADERS.signature),
        );
      let body: CallbackBody = {};
      try {
        body = JSON.parse(raw.toString('utf8')) as CallbackBody;
      } catch {
        body = {};
      }
      const p = body.payment ?? {};
      const cb: ReceivedCallback = {
        eventId: String(body.eventId ?? ''),
        orderNo: String(p.orderNo ?? ''),
        status: String(p.status ?? ''),
        amount: String(p.amount ?? ''),
        reason: p.review && typeof p.review.reason === 'string' ? p.review.reason : null,
        signatureOk,
      };
      received.push(cb);
      onCallback(cb);
      // A bad signature is refused as a real backend would; the station then retries later.
      res.writeHead(signatureOk ? 204 : 401).end();
    });
  });
  // A given port lets a harness take the receiver down and bring it back at the same URL.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/backend/station-callback`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
