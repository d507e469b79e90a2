import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType, z } from 'zod';
import type { ValidationIssue } from '../../../shared/api/common-schemas';
import { RequestValidationError } from './api-errors';

type Out<T> = T extends ZodType ? z.output<T> : undefined;

/** One documented response of a route, for openapi.json. */
export interface ResponseSpec {
  description: string;
  schema?: ZodType;
}

/**
 * A route described once: its zod schemas validate the request and are what openapi.json
 * publishes, so the document cannot drift from what is enforced.
 */
export interface RouteSpec<
  B extends ZodType | undefined,
  Q extends ZodType | undefined,
  P extends ZodType | undefined,
> {
  method: 'GET' | 'POST';
  /** Under the API prefix, in fastify syntax: `/payments/:orderNo`. */
  path: string;
  operationId: string;
  summary: string;
  body?: B;
  query?: Q;
  params?: P;
  responses: Record<number, ResponseSpec>;
  handler: (
    input: { body: Out<B>; query: Out<Q>; params: Out<P> },
    request: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<unknown>;
}

export type AnyRouteSpec = RouteSpec<ZodType | undefined, ZodType | undefined, ZodType | undefined>;

/** The routes of one server, kept for openapi.json and for telling 405 from 404. */
export interface RouteTable {
  add<B extends ZodType | undefined, Q extends ZodType | undefined, P extends ZodType | undefined>(
    app: FastifyInstance,
    spec: RouteSpec<B, Q, P>,
  ): void;
  readonly routes: readonly AnyRouteSpec[];
  /** Methods that exist for a concrete path (already without the query string). */
  methodsFor(pathname: string): string[];
}

const LOCATIONS: Record<string, string> = { body: 'body', querystring: 'query', params: 'params' };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    // Keys come from the caller; a 60 KB key name is not echoed back in full.
    const name = String(part).slice(0, 64);
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${name}` : name;
  }
  return out;
}

/** Zod issues as `{location, path, message}`, capped so a hostile body cannot grow the answer. */
export function toValidationIssues(location: string, error: z.ZodError): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Name each stray field by its own path, so the caller sees exactly what to remove.
      for (const key of issue.keys) {
        issues.push({
          location,
          path: formatPath([...issue.path, key]),
          message: 'unknown field; remove it',
        });
      }
    } else {
      issues.push({ location, path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues.slice(0, 20);
}

/**
 * Fastify's validator hook, backed by zod. Fastify passes `null` for an absent body; zod sees
 * `undefined` so that optional bodies work and required ones say "expected object".
 */
export function installZodValidator(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const zodSchema = schema as unknown as ZodType;
    const location = LOCATIONS[httpPart ?? ''] ?? String(httpPart);
    return (data: unknown) => {
      const result = zodSchema.safeParse(data === null && location === 'body' ? undefined : data);
      if (result.success) return { value: result.data };
      return { error: new RequestValidationError(toValidationIssues(location, result.error)) };
    };
  });
}

function pathPattern(prefix: string, path: string): RegExp {
  const escaped = `${prefix}${path}`
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  // Exact, like the router (no trailing-slash leniency), so a 405 never names a method that 404s.
  return new RegExp(`^${escaped}$`);
}

export function createRouteTable(prefix: string): RouteTable {
  const routes: AnyRouteSpec[] = [];
  const patterns: { method: string; pattern: RegExp }[] = [];
  return {
    add(app, spec) {
      routes.push(spec as unknown as AnyRouteSpec);
      patterns.push({ method: spec.method, pattern: pathPattern(prefix, spec.path) });
      const schema: Record<string, ZodType> = {};
      if (spec.body) schema.body = spec.body;
      if (spec.query) schema.querystring = spec.query;
      if (spec.params) schema.params = spec.params;
      app.route({
        method: spec.method,
        url: `${prefix}${spec.path}`,
        schema,
        handler: (request, reply) =>
          spec.handler(
            {
              body: request.body as Out<typeof spec.body>,
              query: request.query as Out<typeof spec.query>,
              params: request.params as Out<typeof spec.params>,
            } as Parameters<typeof spec.handler>[0],
            request,
            reply,
          ),
      });
    },
    routes,
    methodsFor(pathname) {
      return [...new Set(patterns.filter((p) => p.pattern.test(pathname)).map((p) => p.method))];
    },
  };
}
