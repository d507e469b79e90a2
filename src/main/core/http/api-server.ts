import Fastify from 'fastify';
import type { PhoneCareService } from '../care/phone-care';
import { NO_CARE } from '../../../shared/domain/care';
import type { FleetView } from '../../../shared/fleet/fleet-schemas';
import { FLEET_OFF } from '../../../shared/fleet/fleet-schemas';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { DeviceService } from '../devices/device-types';
import type { PhoneActivitySource } from '../payments/phone-activity';
import { NO_PHONE_ACTIVITY } from '../payments/phone-activity';
import type { OrderService } from '../orders/order-types';
import type { PaymentService } from '../payments/payment-types';
import type { Clock } from '../util/clock';
import type { ApiContext } from './api-context';
import type { CredentialsProvider } from './api-credentials';
import { ApiError, toErrorAnswer } from './api-errors';
import { installRawJsonParser, parseJsonBody } from './json-body';
import { createNonceStore } from './nonce-store';
import type { NonceStore } from './nonce-store';
import { buildOpenApiDocument } from './openapi';
import { createFinalWaiters } from '../payments/final-waiters';
import { createRequestAuthenticator } from './request-auth';
import type { AuthHeaders } from './request-auth';
import { createRouteTable, installZodValidator } from './route-table';
import { registerOrderRoutes } from './routes/order-routes';
import { registerPaymentRoutes } from './routes/payment-routes';
import { registerStatusRoutes } from './routes/status-routes';

export const API_PREFIX = '/api/v1';

/** Where the API reports its own bugs (never bad input, which is the caller's business). */
export interface ApiLog {
  error(message: string, error: unknown): void;
}

export interface ApiServerDeps {
  payments: PaymentService;
  orders: OrderService;
  devices: DeviceService;
  /**
   * What the payment engine does with each phone, combined with `devices` in `/devices` and
   * `/health` (busy, settling…). The core passes the engine's.
   * @default every phone idle: the devices' raw readiness is shown
   */
  phones?: Pick<PhoneActivitySource, 'current'>;
  /** What phone care did for each phone. @default nothing */
  care?: Pick<PhoneCareService, 'view'>;
  /** Fleet mode's view (GET /fleet). @default off */
  fleet?: { view(): Promise<FleetView> };
  credentials: CredentialsProvider;
  clock: Clock;
  /** @default createNonceStore({ clock, windowMs: windowSec * 1000 }) */
  nonces?: NonceStore;
  /** Reported by /health and openapi.json. @default '0.0.0' */
  version?: string;
  /** Extra fields for /health (database, outbox backlog…). @default () => ({}) */
  healthExtras?: () => Record<string, string | number | boolean | null>;
  /** @default console.error */
  log?: ApiLog;
  /** @default 65_536 (over 64 KiB is a 413) */
  bodyLimit?: number;
  /**
   * Time a client gets to send the whole request, body included. A slow body is cut off with a
   * 408 instead of holding a socket (and a buffer) open. Only takes effect on a listening server.
   * @default 10_000
   */
  requestTimeoutMs?: number;
  /** Signature window, seconds either side of the station clock. @default 300 */
  windowSec?: number;
}

/** The HTTP answer for errors raised before fastify has a request (bad framing, slow bodies). */
function writeClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive; send it again in one go.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'The request headers are too large.']
        : [400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Decisions worth knowing when calling this API:
 * - Every route is signed, `/health` and `/openapi.json` included; a
 *   monitor needs the key and secret too. Router-level failures (bad percent-encoding, a param
 *   over 200 characters) answer 400/414 before authentication, since they match no route.
 * - The header checks run before the body is read; the signature is checked over the raw bytes
 *   before JSON parsing; a nonce is only spent by a request whose signature verified.
 * - JSON bodies are strict (unknown fields are a 400 naming the field); query strings are not,
 *   so cache-busting parameters pass. Repeated query parameters are a 400.
 * - A body slower than `requestTimeoutMs` gets a JSON 408 and the socket is closed.
 *
 * Builds the backend API (docs/API.md) without listening, so tests drive it with `inject` and
 * the caller decides host and port. Closing the instance releases pending long polls.
 */
export function createApiServer(deps: ApiServerDeps): FastifyInstance {
  const bodyLimit = deps.bodyLimit ?? 65_536;
  const requestTimeoutMs = deps.requestTimeoutMs ?? 10_000;
  const windowSec = deps.windowSec ?? 300;
  const log = deps.log ?? { error: (message, error) => console.error(message, error) };
  const app = Fastify({
    logger: false,
    bodyLimit,
    requestTimeout: requestTimeoutMs,
    // Node checks request deadlines on an interval (30 s by default); a slow body must be cut
    // off close to its deadline, not up to half a minute late.
    http: {
      connectionsCheckingInterval: Math.max(100, Math.min(1000, requestTimeoutMs / 4)),
      headersTimeout: requestTimeoutMs,
    },
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: 200 },
    clientErrorHandler: writeClientError,
    // URLs the router cannot even match (bad percent-encoding, overlong params) answer in our
    // error shape too, before authentication: they never reach a route.
    frameworkErrors: (error, _request, reply) => {
      const answer = toErrorAnswer(error);
      // The option's reply type is generic over an unknown route; ours is a plain reply.
      void (reply as unknown as FastifyReply).code(answer.status).send(answer.body);
    },
  });

  const authenticator = createRequestAuthenticator({
    credentials: deps.credentials,
    clock: deps.clock,
    nonces: deps.nonces ?? createNonceStore({ clock: deps.clock, windowMs: windowSec * 1000 }),
    windowSec,
  });
  const authByRequest = new WeakMap<FastifyRequest, AuthHeaders>();
  const table = createRouteTable(API_PREFIX);
  const waiters = createFinalWaiters(deps.payments, deps.clock);
  const version = deps.version ?? '0.0.0';
  let openApi: Record<string, unknown> | null = null;
  const ctx: ApiContext = {
    payments: deps.payments,
    orders: deps.orders,
    devices: deps.devices,
    phones: deps.phones ?? NO_PHONE_ACTIVITY,
    care: deps.care ?? { view: () => NO_CARE },
    fleet: deps.fleet ?? { view: () => Promise.resolve(FLEET_OFF) },
    clock: deps.clock,
    waiters,
    table,
    version,
    startedAt: deps.clock.now(),
    healthExtras: deps.healthExtras ?? (() => ({})),
    openApi: () => (openApi ??= buildOpenApiDocument(table.routes, { prefix: API_PREFIX, version })),
  };

  installRawJsonParser(app, bodyLimit);
  installZodValidator(app);

  // Headers first, before the body is read: strangers never make the station buffer a body.
  app.addHook('onRequest', async (request) => {
    authByRequest.set(request, authenticator.checkHeaders(request.headers));
  });
  // Then the signature over the raw bytes, and only then is the body parsed as JSON.
  app.addHook('preValidation', async (request) => {
    const auth = authByRequest.get(request);
    if (!auth) throw new ApiError(401, 'AUTH_MISSING_HEADERS', 'Sign the request.');
    const raw = Buffer.isBuffer(request.body) ? request.body : null;
    authenticator.checkSignature(request.method, request.raw.url ?? request.url, auth, raw);
    request.body = parseJsonBody(raw);
  });

  app.setErrorHandler((error, request, reply) => {
    const answer = toErrorAnswer(error);
    if (answer.internal) log.error(`API ${request.method} ${request.url} failed`, error);
    void reply.code(answer.status).send(answer.body);
  });

  app.setNotFoundHandler(async (request, reply) => {
    // Echoed in the message, so capped: the URL is the caller's text.
    const pathname = (request.raw.url ?? request.url).split('?')[0].slice(0, 200);
    const allowed = table.methodsFor(pathname);
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `Use ${allowed.join(' or ')} for ${pathname}.`, {
        allowed,
      });
    }
    throw new ApiError(
      404,
      'NOT_FOUND',
      `No route ${request.method} ${pathname}. See ${API_PREFIX}/openapi.json.`,
    );
  });

  registerPaymentRoutes(app, ctx);
  registerOrderRoutes(app, ctx);
  registerStatusRoutes(app, ctx);

  // Long polls would otherwise hold close() for up to 30 s; answer them with the current state.
  app.addHook('preClose', async () => waiters.releaseAll());
  app.addHook('onClose', async () => waiters.dispose());
  return app;
}
