import { StationError } from '../util/station-error';

/** Named errors of the payment service. `code` is stable; messages say what to do next. */
export class PaymentNotFoundError extends StationError {
  readonly code = 'PAYMENT_NOT_FOUND';
  constructor(readonly orderNo: string) {
    super(`No payment with orderNo ${orderNo}. Check the orderNo, or create the payment first.`);
  }
}

export class PaymentNotResolvableError extends StationError {
  readonly code = 'PAYMENT_NOT_UNKNOWN';
  constructor(
    readonly orderNo: string,
    readonly status: string,
  ) {
    super(
      `Payment ${orderNo} is ${status}; only an unknown payment can be resolved by hand. ` +
        'Reload it to see its current state.',
      { status },
    );
  }
}

export class InvalidPaymentInputError extends StationError {
  readonly code = 'INVALID_PAYMENT_INPUT';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    // The shared schemas' messages name the field themselves ("qrCode must not be empty").
    super(`Payment not accepted: ${problem}. Correct the request and send it again.`, { field });
  }
}

/** A list cursor this station did not issue. */
export class InvalidCursorError extends StationError {
  readonly code = 'BAD_CURSOR';
  constructor() {
    super('The cursor is not one this station issued; list again without a cursor.');
  }
}
