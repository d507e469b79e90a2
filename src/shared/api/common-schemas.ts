import { z } from 'zod';
import { DECIMAL_AMOUNT_PATTERN, formatFen, MAX_AMOUNT_FEN, parseDecimalToFen } from '../domain/money';

const MAX_YUAN = formatFen(MAX_AMOUNT_FEN);

/**
 * Building blocks of the backend API. These schemas both validate requests and generate
 * `/api/v1/openapi.json`, so what is documented is what is enforced. No Node imports: the IPC
 * contract and the renderer reuse them. The fields of the domain itself are in `../domain/`.
 */

const amountText = z
  .string({ error: 'amount must be a decimal string such as "12.50", not a number' })
  .max(MAX_YUAN.length, `amount is at most ${MAX_YUAN}`)
  .regex(
    DECIMAL_AMOUNT_PATTERN,
    `amount must look like "12.50": digits, at most 2 decimals, at most ${MAX_YUAN}`,
  );

/** A strictly positive amount string, e.g. a payment. */
export const positiveAmountSchema = amountText
  .refine((text) => (parseDecimalToFen(text) ?? 0) > 0, 'amount must be greater than 0')
  .meta({ description: `Decimal string in yuan, > 0, at most 2 decimals, at most ${MAX_YUAN}.` });

/** An amount string that may be zero, e.g. a free order or item. */
export const nonNegativeAmountSchema = amountText.meta({
  description: `Decimal string in yuan, >= 0, at most 2 decimals, at most ${MAX_YUAN}.`,
});

/** Query-string integers arrive as text; only plain ASCII digits are accepted. */
export function queryIntSchema(name: string, min: number, max: number) {
  return z
    .string({ error: `${name} must be given once, as an integer` })
    .regex(/^[0-9]{1,6}$/, `${name} must be an integer from ${min} to ${max}`)
    .transform((text) => Number.parseInt(text, 10))
    .refine((n) => n >= min && n <= max, `${name} must be an integer from ${min} to ${max}`);
}

export const isoTimeSchema = z.iso.datetime().meta({ description: 'ISO 8601, UTC.' });

/** Every error answer has this shape. `details.issues` lists field paths for validation errors. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z
      .string()
      .meta({ description: 'Stable machine code, e.g. VALIDATION_FAILED, AUTH_BAD_SIGNATURE.' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface ValidationIssue {
  /** Where the field is: `body`, `query` or `params`. */
  location: string;
  /** Dotted path inside that location, e.g. `items[0].price`; empty for the whole value. */
  path: string;
  message: string;
}
