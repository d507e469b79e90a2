import { StationError } from '../util/station-error';

/** Named errors of the orders service. `code` is stable; messages say what to do next. */
export class OrderNotFoundError extends StationError {
  readonly code = 'ORDER_NOT_FOUND';
  constructor(readonly orderNo: string) {
    super(`No order ${orderNo}. Send the new-order event first, or check the orderNo.`);
  }
}

export class OrderTransitionError extends StationError {
  readonly code = 'ORDER_TRANSITION_NOT_ALLOWED';
  constructor(
    readonly orderNo: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`Order ${orderNo} is ${from} and cannot become ${to}. Reload the order to see its current state.`, {
      status: from,
    });
  }
}

export class InvalidOrderInputError extends StationError {
  readonly code = 'INVALID_ORDER_INPUT';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`Order not accepted: ${field} ${problem}. Correct the request and send it again.`, { field });
  }
}
