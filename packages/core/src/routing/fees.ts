import { Decimal } from "../money";
import type { Side } from "../events/index";

/**
 * Access-fee cap of Regulation NMS Rule 610(c) (17 CFR 242.610(c)): the most a trading center may charge
 * for executing against a protected quotation, per share for quotes at or above $1.00 and as a fraction
 * of the quotation price below $1.00.
 */
export interface AccessFeeCap {
  /** Per-share cap for quotations priced at $1.00 or more. */
  perShare: Decimal;
  /** Cap as a fraction of the quotation price for quotations under $1.00. */
  fractionBelowOneDollar: Decimal;
}

/** The cap adopted in 2005: $0.003 (30 mils) per share, 0.3% of the price under $1.00. */
export const ACCESS_FEE_CAP_2005: AccessFeeCap = {
  perShare: new Decimal("0.003"),
  fractionBelowOneDollar: new Decimal("0.003"),
};

/**
 * The lowered cap of the 2024 amendments (Exchange Act Release No. 34-101070, 89 FR 81620): $0.001 (10 mils)
 * per share, 0.1% of the price under $1.00. Its compliance date moved during litigation, which is why the
 * cap is a parameter of every fee schedule rather than a constant.
 */
export const ACCESS_FEE_CAP_2024: AccessFeeCap = {
  perShare: new Decimal("0.001"),
  fractionBelowOneDollar: new Decimal("0.001"),
};

const ONE_DOLLAR = new Decimal(1);

/** The cap in dollars per share at this quotation price. */
export function accessFeeCapAt(cap: AccessFeeCap, price: Decimal): Decimal {
  return price.gte(ONE_DOLLAR) ? cap.perShare : price.times(cap.fractionBelowOneDollar);
}

/**
 * A venue's per-share fees. Signed: a positive amount is paid by the member, a negative one is a rebate
 * paid to it. Maker-taker venues charge the taker and rebate the maker; inverted (taker-maker) venues pay
 * the taker a rebate and charge the maker; dark pools and wholesalers usually charge a flat fee or none.
 */
export interface FeeSchedule {
  model: "maker_taker" | "inverted" | "flat";
  takerFeePerShare: Decimal;
  makerFeePerShare: Decimal;
  /** Rule 610(c) cap applied to a positive taker fee. */
  accessFeeCap: AccessFeeCap;
}

/** The per-share fee for removing liquidity at this price: the schedule's taker fee, capped by Rule 610(c). */
export function takerFeeAt(schedule: FeeSchedule, price: Decimal): Decimal {
  const cap = accessFeeCapAt(schedule.accessFeeCap, price);
  return Decimal.min(schedule.takerFeePerShare, cap);
}

/**
 * takerFeeAt for one schedule, with the fee for prices of $1.00 and more (all but penny stocks) worked
 * out once: the split prices every level of every venue with it.
 */
export function takerFeeFunction(schedule: FeeSchedule): (price: Decimal) => Decimal {
  const atOrAboveOneDollar = Decimal.min(schedule.takerFeePerShare, schedule.accessFeeCap.perShare);
  return (price) => (price.gte(ONE_DOLLAR) ? atOrAboveOneDollar : takerFeeAt(schedule, price));
}

/**
 * All-in price of taking one share: what a buyer really pays (price + fee - rebate) or a seller really
 * receives (price - fee + rebate). A negative fee is a rebate, so one signed formula covers both.
 */
export function allInPrice(side: Side, price: Decimal, feePerShare: Decimal): Decimal {
  return side === "buy" ? price.plus(feePerShare) : price.minus(feePerShare);
}

/** True when `a` is a better price than `b` for this side (lower for a buyer, higher for a seller). */
export function isBetterPrice(side: Side, a: Decimal, b: Decimal): boolean {
  return side === "buy" ? a.lt(b) : a.gt(b);
}
