import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-errors';

/**
 * JSON bodies are kept as raw bytes until the signature over those exact bytes is verified
 * (the signature covers the body's SHA-256): re-serialising a parsed object would not reproduce what the backend hashed,
 * and an unauthenticated stranger should learn nothing from our JSON parser.
 */
export function installRawJsonParser(app: FastifyInstance, bodyLimit: number): void {
  // Only JSON is spoken here; anything else gets fastify's 415, which we map to our shape.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      done(
        new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json in UTF-8.'),
        undefined,
      );
      return;
    }
    done(null, body);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses the verified raw body. An empty body means "no body", which optional bodies accept. */
export function parseJsonBody(raw: Buffer | null): unknown {
  if (raw === null || raw.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'The body is not valid UTF-8. Send UTF-8 encoded JSON.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'The body is not valid JSON. Check quoting and commas.');
  }
}
