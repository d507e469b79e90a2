import { paymentInputSchema } from '../../../shared/domain/payment-input';
import { InvalidPaymentInputError } from './payment-errors';
import type { CreatePaymentInput } from './payment-types';

/**
 * The engine's own guard on what it stores, with the shared field schemas the HTTP API also
 * validates with: any other caller (the window, the fleet, tests) meets the same limits.
 */
export function validateCreateInput(input: CreatePaymentInput): void {
  const r = paymentInputSchema.safeParse(input);
  if (r.success) return;
  const issue = r.error.issues[0];
  throw new InvalidPaymentInputError(issue.path.map(String).join('.') || 'input', issue.message);
}
