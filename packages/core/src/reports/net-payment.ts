import { Decimal } from "../money";

/**
 * Rule 606(a)(1)(iii): "the net aggregate amount of any payment for order flow received, payment from
 * any profit-sharing relationship received, transaction fees paid, and transaction rebates received,
 * both as a total dollar amount and on a per share basis" — the schema asks per hundred shares, in cents.
 * Positive is received by the broker, negative paid.
 */
export interface NetPayment {
  /** Dollars, to the cent. */
  usd: Decimal;
  /** Cents per hundred shares, four decimals (the schema's CphType); null when no share executed. */
  centsPerHundredShares: Decimal | null;
}

/** Dollars per share → cents per hundred shares: x 100 cents x 100 shares. */
const CPH_PER_DOLLAR_PER_SHARE = 10_000;

/**
 * Net dollars of executions at one venue: payment for order flow at the venue's rate per executed share,
 * less the fees paid (a negative fee is a rebate received, so it adds). Unrounded, to be summed.
 */
export function netDollarsOf(executedShares: Decimal, feesPaid: Decimal, pfofPerShare: Decimal): Decimal {
  return pfofPerShare.times(executedShares).minus(feesPaid);
}

/** The reported figures of a net amount over the shares it was earned on. */
export function netPaymentOf(netDollars: Decimal, executedShares: Decimal): NetPayment {
  return {
    usd: netDollars.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
    centsPerHundredShares: executedShares.isZero()
      ? null
      : netDollars
          .div(executedShares)
          .times(CPH_PER_DOLLAR_PER_SHARE)
          .toDecimalPlaces(4, Decimal.ROUND_HALF_UP),
  };
}
