/**
 * The one WebSocket channel in the AsyncAPI document: the worker's `/ws/portfolio`, which pushes a user's
 * portfolio metrics to other clients (apps/worker/src/http/portfolio-socket.ts). It lives beside the
 * Kafka topics so another team finds every asynchronous interface of NexusTrade in one document; each
 * channel names its server (AsyncAPI 3.0.0: a channel without `servers` would be on all of them).
 */
import type { JsonSchema } from "./topic-contracts";

export const PORTFOLIO_SOCKET_PATH = "/ws/portfolio";

const decimal = (description: string): JsonSchema => ({
  type: "string",
  pattern: "^-?\\d+(\\.\\d+)?$",
  description,
});

const SUMMARY: JsonSchema = {
  type: "object",
  description: "The summary the Portfolio screen shows (as GET /api/v1/portfolio/{userId}/summary answers).",
  properties: {
    userId: { type: "string", format: "uuid", description: "Whose book." },
    marketValue: decimal("Sum of quantity x mark, USD."),
    grossExposure: decimal("Sum of |quantity x mark|, USD."),
    cash: decimal(
      "Cash of the account, USD: deposits less withdrawals effective by today, plus realized P&L, less the cost of open positions.",
    ),
    netDeposits: decimal("Deposits less withdrawals effective by today, USD."),
    equity: decimal("Cash plus market value, USD."),
    dayPnl: decimal("Profit and loss since the start of the UTC day, USD."),
    realizedPnl: decimal("Realized profit and loss, USD."),
    unrealizedPnl: decimal("Unrealized profit and loss at the marks, USD."),
    totalPnl: decimal("Realized plus unrealized, USD."),
    openPositions: { type: "integer", minimum: 0, description: "Symbols held (long or short)." },
    historyAsOf: {
      anyOf: [{ type: "string", format: "date" }, { type: "null" }],
      description: "Last date of the daily closes the risk figures use.",
    },
    marketDataStaleAsOf: {
      anyOf: [{ type: "string", format: "date" }, { type: "null" }],
      description:
        "Set when the market-data service (MARKET_DATA_URL) cannot be reached: the figures use the stored closes, stale as of this date.",
    },
  },
  required: ["userId", "marketValue", "openPositions"],
};

const VAR_RESULT: JsonSchema = {
  type: "object",
  description: "One method's VaR and expected shortfall (as GET /api/v1/portfolio/{userId}/var answers).",
  properties: {
    method: {
      type: "string",
      enum: ["historical", "parametric", "monte_carlo", "cornish_fisher"],
      description: "The VaR method.",
    },
    var: decimal("Value at risk over the horizon, USD, a positive loss."),
    expectedShortfall: decimal("Expected loss beyond the VaR, USD."),
  },
  required: ["method", "var"],
};

export const PORTFOLIO_METRICS_PAYLOAD: JsonSchema = {
  type: "object",
  title: "Portfolio metrics",
  description:
    "A user's summary and VaR, sent on connecting and each time a transaction changing their positions commits.",
  properties: {
    type: { type: "string", const: "portfolio.metrics", description: "The message's kind." },
    userId: { type: "string", format: "uuid", description: "Whose book." },
    at: { type: "string", format: "date-time", description: "When the figures were computed (UTC)." },
    summary: SUMMARY,
    var: {
      anyOf: [{ type: "array", items: VAR_RESULT }, { type: "null" }],
      description:
        "VaR and expected shortfall by the four methods at 99 %, one day, 252 trading days; null when the engine refused (see varRefused).",
    },
    varRefused: {
      anyOf: [{ type: "string" }, { type: "null" }],
      description: "Why no VaR could be computed (nothing held, too little history), else null.",
    },
  },
  required: ["type", "userId", "at", "summary", "var", "varRefused"],
};

export const PORTFOLIO_METRICS_EXAMPLE = {
  type: "portfolio.metrics",
  userId: "0b5e1f7c-2a4d-4c1e-9f3a-6d8e2b7c1a90",
  at: "2026-12-07T14:30:00.412Z",
  summary: {
    userId: "0b5e1f7c-2a4d-4c1e-9f3a-6d8e2b7c1a90",
    marketValue: "15025",
    grossExposure: "15025",
    cash: "-15025",
    dayPnl: "0",
    realizedPnl: "0",
    unrealizedPnl: "0",
    totalPnl: "0",
    openPositions: 1,
    historyAsOf: "2017-08-11",
    marketDataStaleAsOf: null,
  },
  var: [
    { method: "historical", var: "361.17", expectedShortfall: "452.80" },
    { method: "parametric", var: "336.42", expectedShortfall: "385.44" },
  ],
  varRefused: null,
};

export const PORTFOLIO_SOCKET_QUERY: JsonSchema = {
  type: "object",
  properties: {
    user: {
      type: "string",
      format: "uuid",
      description:
        "The user whose book to watch: a trader's own by default; compliance, admin and API keys with portfolio:read name anyone (a key must name one).",
    },
  },
};

export const PORTFOLIO_SOCKET_DESCRIPTION = `Upgrade \`GET ${PORTFOLIO_SOCKET_PATH}\` on the worker's HTTP server (WORKER_PORT) \
to a WebSocket. Credentials: the session cookie (\`nexus_session\`) or \`Authorization: Bearer <API key>\`, never a query \
parameter. A trader watches only their own portfolio; compliance and admin sessions, and API keys holding \
\`portfolio:read\`, any user they name. Refused before the upgrade: 401 without valid credentials, 403 for a user the \
caller may not watch (or a key without the scope), 400 for a malformed \`user\`. The server pings every 30 s; clients \
send nothing.`;
