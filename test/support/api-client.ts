import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SIGNATURE_HEADERS, signRequest } from '../../src/main/core/auth/request-signature';
import type { ApiCredentials } from '../../src/main/core/http/api-credentials';

/**
 * A backend as the station sees one: signs every request as docs/API.md says. Used by the HTTP tests,
 * the bench and the demo's simulated backend. It sends bytes exactly as signed, so tests can
 * also forge, replay or corrupt any part on purpose.
 */
export interface ApiRequest {
  method: string;
  /** Request target as sent: path and query, already percent-encoded. */
  target: string;
  /** An object is sent as JSON; a string or Buffer is sent as is. */
  body?: unknown;
  /** @default 'application/json' when there is a body */
  contentType?: string | null;
  /** Unix seconds. @default now */
  timestamp?: number | string;
  /** @default 16 random bytes, base64url */
  nonce?: string;
  /** Replaces or removes (null) any header after signing. */
  headers?: Record<string, string | null>;
  /** Sign with other credentials (forgery tests). */
  signWith?: ApiCredentials;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown;
}

export function randomNonce(): string {
  return randomBytes(16).toString('base64url');
}

function bodyBytes(body: unknown): Buffer | null {
  if (body === undefined) return null;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** The four auth headers for one request, plus the exact bytes to send. */
export function signedRequest(
  credentials: ApiCredentials,
  req: ApiRequest,
  nowSec: number,
): { headers: Record<string, string>; body: Buffer | null } {
  const body = bodyBytes(req.body);
  const timestamp = String(req.timestamp ?? nowSec);
  const nonce = req.nonce ?? randomNonce();
  const signer = req.signWith ?? credentials;
  const signature = signRequest(signer.secret, {
    method: req.method,
    target: req.target,
    timestamp,
    nonce,
    body,
  });
  const headers: Record<string, string> = {
    [SIGNATURE_HEADERS.key]: signer.key,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  };
  const contentType = req.contentType === undefined ? (body ? 'application/json' : null) : req.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (value === null) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  return { headers, body };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface ApiClient {
  send(req: ApiRequest): Promise<ApiResponse>;
  close(): void;
}

export interface ApiClientOptions {
  credentials: ApiCredentials;
  /** Unix ms. @default Date.now */
  now?: () => number;
}

/** Talks to a server built by `createApiServer` through `inject`, with no socket. */
export function createInjectClient(app: FastifyInstance, options: ApiClientOptions): ApiClient {
  const now = options.now ?? Date.now;
  return {
    async send(req) {
      const { headers, body } = signedRequest(options.credentials, req, Math.floor(now() / 1000));
      const res = await app.inject({
        method: req.method as 'GET',
        url: req.target,
        headers,
        ...(body ? { payload: body } : {}),
      });
      return { status: res.statusCode, headers: res.headers, text: res.body, json: parse(res.body) };
    },
    close: () => undefined,
  };
}

/** Talks to a listening server over real HTTP/1.1 (keep-alive), sending the target verbatim. */
export function createHttpClient(
  baseUrl: string,
  options: ApiClientOptions & { maxSockets?: number },
): ApiClient {
  const now = options.now ?? Date.now;
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 16 });
  return {
    send(req) {
      const { headers, body } = signedRequest(options.credentials, req, Math.floor(now() / 1000));
      return new Promise<ApiResponse>((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method: req.method,
            path: req.target,
            agent,
            headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parse(text) });
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body ?? undefined);
      });
    },
    close: () => agent.destroy(),
  };
}
