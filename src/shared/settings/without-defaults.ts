import { z } from 'zod';

type AnySchema = z.core.$ZodType;

/** The type of {@link withoutDefaults}: every `.default()` / `.prefault()` gone, through objects. */
export type WithoutDefaults<T extends AnySchema> =
  T extends z.ZodDefault<infer Inner extends AnySchema>
    ? WithoutDefaults<Inner>
    : T extends z.ZodPrefault<infer Inner extends AnySchema>
      ? WithoutDefaults<Inner>
      : T extends z.ZodObject<infer Shape, infer Config>
        ? z.ZodObject<{ -readonly [K in keyof Shape]: WithoutDefaults<Shape[K]> }, Config>
        : T;

/** `schema` without the `.default()` / `.prefault()` wrappers around it (not inside it). */
export function unwrapDefaults(schema: AnySchema): AnySchema {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) inner = inner.unwrap();
  return inner;
}

/**
 * The same schema with its defaults taken out, at every depth of nested objects. A patch must
 * say only what changes: parsed with the defaults in, `{ voice: { volume: 0.3 } }` would come
 * back with every other voice field reset to its default. The bounds and messages stay.
 */
export function withoutDefaults<T extends AnySchema>(schema: T): WithoutDefaults<T> {
  const inner = unwrapDefaults(schema);
  if (inner instanceof z.ZodObject) {
    const shape: Record<string, AnySchema> = {};
    for (const [key, field] of Object.entries(inner.shape as Record<string, AnySchema>)) {
      shape[key] = withoutDefaults(field);
    }
    return inner.extend(shape) as unknown as WithoutDefaults<T>;
  }
  return inner as WithoutDefaults<T>;
}
