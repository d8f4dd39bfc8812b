import type {
  OrderEvent,
  QuoteEvent,
  RiskHaltEvent,
  RoutingDecisionEvent,
  RoutingExecutionEvent,
  SurveillanceAlertEvent,
  TradeExecutedEvent,
} from "../index";

/**
 * The examples of docs/events.md and /api/asyncapi.json: one short AAPL story, so the ids refer to each
 * other. A trader (TRADER) shows a 50,000-share sell order, buys 100 shares below it, then pulls the sell
 * order; surveillance raises a spoofing alert and halts the trader in AAPL. Separately, another
 * trader's buy order is routed. The order.created and trade.executed lines are the contract's original
 * examples, byte for byte (decode.test.ts and the worker's fixtures use them as they are written).
 */

const TRADER = "3c2b1a09-8f7e-4d6c-9b5a-493827160554";
const SPOOF_ORDER = "0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19";
const BUY_ORDER = "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716";
const ALERT = "4f2f8f03-d7c0-45f3-bc71-368db0827402";
const HALT = "4fbdbf8d-62d2-4b2b-b4b4-40869fda43e7";
const ROUTED_ORDER = "cd63afe4-e79a-4500-a734-b5f0298d5c51";
const DECISION = "05962778-d909-4471-811d-e6d8849cc013";

export const orderCreatedExample: OrderEvent = {
  event_id: "7b0a3f64-8d1e-4c55-9a0e-1f2d3c4b5a69",
  event_type: "order.created",
  occurred_at: "2026-11-24T14:30:00.120Z",
  order_id: SPOOF_ORDER,
  user_id: TRADER,
  symbol: "AAPL",
  side: "sell",
  order_type: "limit",
  price: "189.30",
  quantity: "50000",
  capacity: "principal",
};

export const tradeExecutedExample: TradeExecutedEvent = {
  event_id: "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  event_type: "trade.executed",
  occurred_at: "2026-11-24T14:30:00.180Z",
  trade_id: "9a8b7c6d-5e4f-4321-9fed-cba987654321",
  symbol: "AAPL",
  price: "189.25",
  quantity: "100",
  buy_order_id: BUY_ORDER,
  sell_order_id: "6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2918",
  buy_user_id: TRADER,
  sell_user_id: "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586",
  aggressor_side: "buy",
};

export const orderModifiedExample: OrderEvent = {
  event_id: "657c6158-1dea-4f32-8a7d-3d82eba8d883",
  event_type: "order.modified",
  occurred_at: "2026-11-24T14:30:00.400Z",
  order_id: SPOOF_ORDER,
  user_id: TRADER,
  symbol: "AAPL",
  side: "sell",
  order_type: "limit",
  price: "189.28",
  quantity: "50000",
  venue_id: "XNAS",
  time_in_force: "day",
};

export const orderCancelledExample: OrderEvent = {
  event_id: "e7f6eaea-ff9a-4020-b497-15de2717706a",
  event_type: "order.cancelled",
  occurred_at: "2026-11-24T14:30:00.950Z",
  order_id: SPOOF_ORDER,
  user_id: TRADER,
  symbol: "AAPL",
  side: "sell",
  order_type: "limit",
  price: "189.28",
  quantity: "50000",
};

export const quoteExample: QuoteEvent = {
  event_id: "c5f4bef4-b89b-4246-b7d9-857b87c75583",
  event_type: "quote",
  occurred_at: "2026-11-24T14:30:00.100Z",
  venue_id: "XNAS",
  symbol: "AAPL",
  bid_price: "189.24",
  bid_size: "300",
  ask_price: "189.26",
  ask_size: "200",
};

export const surveillanceAlertExample: SurveillanceAlertEvent = {
  event_id: "e3d25034-cff8-4c02-8d09-3525a0a6f6d6",
  event_type: "surveillance.alert",
  occurred_at: "2026-11-24T14:30:00.952Z",
  alert_id: ALERT,
  alert_type: "spoofing",
  severity: "high",
  user_id: TRADER,
  symbol: "AAPL",
  detected_at: "2026-11-24T14:30:00.950Z",
  description:
    "sell order of 50000 at 189.28 (41.7x the user's median order) cancelled 770 ms after the user's buy fill of 100 at 189.25",
  evidence: {
    metrics: {
      spoofOrderId: SPOOF_ORDER,
      cancelledVolume: 50000,
      filledOppositeVolume: 100,
      sizeVsUserMedian: 41.7,
      cancelAfterFillMs: 770,
      cancelledToFilled: 500,
      cancelRatio: 1,
    },
    thresholds: {
      largeVsUserMedian: 4,
      maxCancelAfterFillMs: 2000,
      minCancelledToFilled: 2.5,
      minCancelRatio: 0.8,
    },
    timeline: [
      {
        at: "2026-11-24T14:30:00.120Z",
        event: "created",
        orderId: SPOOF_ORDER,
        userId: TRADER,
        side: "sell",
        price: "189.30",
        quantity: "50000",
      },
      {
        at: "2026-11-24T14:30:00.180Z",
        event: "filled",
        orderId: BUY_ORDER,
        userId: TRADER,
        side: "buy",
        price: "189.25",
        quantity: "100",
      },
      {
        at: "2026-11-24T14:30:00.950Z",
        event: "cancelled",
        orderId: SPOOF_ORDER,
        userId: TRADER,
        side: "sell",
        price: "189.28",
        quantity: "50000",
      },
    ],
    first_event_at: "2026-11-24T14:30:00.120Z",
    last_event_at: "2026-11-24T14:30:00.950Z",
    updates: 0,
  },
  related_order_ids: [SPOOF_ORDER, BUY_ORDER],
  confidence_score: 0.86,
  recommended_action:
    "Escalate to compliance today and request the trader's explanation; check whether the cancelled orders were ever meant to trade.",
};

export const riskHaltExample: RiskHaltEvent = {
  event_id: "612c67f1-c9a1-4df1-a30d-55f197531273",
  event_type: "risk.halt",
  occurred_at: "2026-11-24T14:30:00.953Z",
  halt_id: HALT,
  scope: "user_symbol",
  user_id: TRADER,
  symbol: "AAPL",
  reason: "spoofing alert pending compliance review",
  alert_id: ALERT,
};

export const riskHaltLiftedExample: RiskHaltEvent = {
  event_id: "be06a188-e746-462c-8470-0ad780199441",
  event_type: "risk.halt_lifted",
  occurred_at: "2026-11-24T15:10:00.000Z",
  halt_id: HALT,
  scope: "user_symbol",
  user_id: TRADER,
  symbol: "AAPL",
  reason: "reviewed by compliance: trader warned, halt lifted",
  alert_id: ALERT,
};

export const routingDecisionExample: RoutingDecisionEvent = {
  event_id: "901166e4-8f1c-4485-9b83-e72ccf3c1829",
  event_type: "routing.decision",
  occurred_at: "2026-11-24T14:31:05.000Z",
  decision_id: DECISION,
  order_id: ROUTED_ORDER,
  user_id: "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586",
  symbol: "AAPL",
  side: "buy",
  quantity: "500",
  strategy: "smart",
  selected_venue_id: "XNAS",
  expected_price: "189.26",
  expected_fill_rate: 0.95,
  reason: "best expected cost: price 189.260000, fee 0.003000 per share, fill rate 95%",
  alternatives: [
    { venue_id: "XNYS", expected_price: "189.27", expected_fill_rate: 0.9, reason: "price 189.270000" },
    { venue_id: "DARK1", expected_price: "189.25", expected_fill_rate: 0.3 },
  ],
};

export const routingExecutionExample: RoutingExecutionEvent = {
  event_id: "011f7951-af6e-4b3c-b35b-6b2f9cd2e52c",
  event_type: "routing.execution",
  occurred_at: "2026-11-24T14:31:05.004Z",
  execution_id: "82844335-b02e-43a6-97ed-263fa01e98e0",
  decision_id: DECISION,
  order_id: ROUTED_ORDER,
  symbol: "AAPL",
  venue_id: "XNAS",
  executed_quantity: "500",
  executed_price: "189.255",
  latency_ms: 4.2,
  fee: "1.5",
  price_improvement: "0.005",
  execution_quality: "good",
};
