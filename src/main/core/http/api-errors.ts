import type { ValidationIssue } from '../../../shared/api/common-schemas';
import { StationError } from '../util/station-error';

/**
 * An error the API answers on purpose: a 4xx with a stable `code` the backend can branch on,
 * and a message that says what to do next. Anything else reaching the error handler is a bug
 * and becomes a bare 500.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A 401. `code` says which part of the signature check failed. */
export class AuthError extends ApiError {
  constructor(code: AuthErrorCode, message: string, details?: Record<string, unknown>) {
    super(401, code, message, details);
    this.name = 'AuthError';
  }
}

export type AuthErrorCode =
  | 'AUTH_MISSING_HEADERS'
  | 'AUTH_UNKNOWN_KEY'
  | 'AUTH_BAD_TIMESTAMP'
  | 'AUTH_TIMESTAMP_SKEW'
  | 'AUTH_BAD_NONCE'
  | 'AUTH_NONCE_REPLAYED'
  | 'AUTH_BAD_SIGNATURE';

/** A 400 from schema validation, with one entry per offending field. */
export class RequestValidationError extends ApiError {
  constructor(readonly issues: ValidationIssue[]) {
    const first = issues[0];
    const where = first ? `${first.location}${first.path ? `.${first.path}` : ''}` : 'request';
    super(
      400,
      'VALIDATION_FAILED',
      `Invalid ${where}: ${first?.message ?? 'malformed'}. Fix the field and resend.`,
      {
        issues,
      },
    );
    this.name = 'RequestValidationError';
  }
}

export function conflict(code: string, message: string, details?: Record<string, unknown>): ApiError {
  return new ApiError(409, code, message, details);
}

/**
 * Fastify's own 4xx errors (body limits, content types, bad URLs) mapped to our codes, so the
 * backend never sees a framework-specific shape.
 */
const FRAMEWORK_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'BODY_TOO_LARGE',
    message: 'The body is larger than 64 KiB. Send less data.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json (UTF-8).',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_CONTENT_LENGTH',
    message: 'Content-Length does not match the body that was sent.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 400,
    code: 'BAD_CONTENT_TYPE',
    message: 'The Content-Type header is malformed.',
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'BAD_URL',
    message: 'The URL is malformed (check its percent-encoding).',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URI_TOO_LONG',
    message: 'A path parameter is too long (orderNo is at most 64 characters).',
  },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST', message: 'The request could not be routed.' },
};

/**
 * The HTTP status of each domain error the services raise to a route, by its stable code: the
 * one place where a domain outcome becomes a status. Input errors are not here: the routes
 * validate with the same shared schemas as the services, so a service refusing input a route
 * let through is a bug, and answers 500 like any other coded error missing from this table.
 */
const DOMAIN_STATUS: Readonly<Record<string, number>> = {
  PAYMENT_NOT_FOUND: 404,
  PAYMENT_NOT_UNKNOWN: 409,
  BAD_CURSOR: 400,
  ORDER_NOT_FOUND: 404,
};

export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; details?: Record<string, unknown> } };
  /** True for real bugs, which the caller logs. */
  internal: boolean;
}

/** Turns anything thrown while handling a request into the answer to send. */
export function toErrorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof ApiError) {
    const body = { error: { code: error.code, message: error.message, ...detailsOf(error) } };
    return { status: error.statusCode, body, internal: false };
  }
  if (error instanceof StationError && DOMAIN_STATUS[error.code] !== undefined) {
    const body = { error: { code: error.code, message: error.message, ...detailsOf(error) } };
    return { status: DOMAIN_STATUS[error.code], body, internal: false };
  }
  const fastifyCode =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const known = typeof fastifyCode === 'string' ? FRAMEWORK_CODES[fastifyCode] : undefined;
  if (known) {
    return {
      status: known.status,
      body: { error: { code: known.code, message: known.message } },
      internal: false,
    };
  }
  const status =
    typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Some other client error raised by the framework or Node (aborted body, bad header…).
    return {
      status,
      body: {
        error: { code: 'BAD_REQUEST', message: 'The request was malformed. Check it against openapi.json.' },
      },
      internal: false,
    };
  }
  return {
    status: 500,
    body: {
      error: { code: 'INTERNAL', message: 'The station hit an internal error; it was logged. Retry later.' },
    },
    internal: true,
  };
}

function detailsOf(error: ApiError | StationError): { details?: Record<string, unknown> } {
  return error.details ? { details: error.details } : {};
}
