import { z } from 'zod';
import type { ZodType } from 'zod';
import { errorBodySchema } from '../../../shared/api/common-schemas';
import type { AnyRouteSpec } from './route-table';

type JsonSchema = Record<string, unknown>;

/** Request-side JSON Schema: transforms (query integers) are described by what is sent. */
function jsonSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const json = (schema: ZodType, io: 'input' | 'output') => ({
  'application/json': { schema: jsonSchema(schema, io) },
});

const SIGNING = [
  'Every request is signed. Headers: X-Station-Key, X-Station-Timestamp (unix seconds, within ±300 s),',
  'X-Station-Nonce (8-64 of [A-Za-z0-9_-], accepted once), X-Station-Signature = lowercase hex',
  'HMAC-SHA256(secret, METHOD + "\\n" + path and query as sent + "\\n" + timestamp + "\\n" + nonce + "\\n"',
  '+ lowercase hex SHA-256 of the raw body, empty string when none).',
].join(' ');

export interface OpenApiOptions {
  prefix: string;
  version: string;
}

/** OpenAPI 3.1 (JSON Schema 2020-12, which is what zod 4 emits) from the route table. */
export function buildOpenApiDocument(routes: readonly AnyRouteSpec[], options: OpenApiOptions): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = json(errorBodySchema, 'output');
  for (const route of routes) {
    const path = `${options.prefix}${route.path}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: json(response.schema, 'output') } : {}),
      };
    }
    responses['400'] ??= {
      description: 'VALIDATION_FAILED (details.issues has field paths) or INVALID_JSON.',
      content: errorContent,
    };
    responses['401'] = {
      description: 'AUTH_* : which part of the signature check failed.',
      content: errorContent,
    };
    if (route.body) {
      responses['413'] = { description: 'BODY_TOO_LARGE: over 64 KiB.', content: errorContent };
      responses['415'] = {
        description: 'UNSUPPORTED_MEDIA_TYPE: send application/json.',
        content: errorContent,
      };
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: !route.body.safeParse(undefined).success,
              content: json(route.body, 'input'),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Cashier Station API', version: options.version, description: SIGNING },
    components: {
      securitySchemes: {
        stationSignature: { type: 'apiKey', in: 'header', name: 'X-Station-Key', description: SIGNING },
      },
    },
    security: [{ stationSignature: [] }],
    paths,
  };
}
