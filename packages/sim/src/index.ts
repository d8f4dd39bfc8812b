export type {
  Agent,
  AgentMarket,
  OrderRequest,
  Population,
  SimulatedUser,
  SubmitResult,
  TraderRole,
} from "./agents/agent.js";
export { benignPopulation } from "./agents/benign-population.js";
export type { TraderCounts } from "./agents/benign-population.js";
export { SUSPECT_RETURN_THRESHOLD, isCompleteBar, parseDailyBars } from "./bars.js";
export type { CompleteBar, DailyBar, DataIssue, DataIssueKind } from "./bars.js";
export type { SymbolDay } from "./day-path.js";
export type { ManipulationLabel, ManipulationType } from "./manipulation/label.js";
export type { ManipulationOptions } from "./manipulation/population.js";
export {
  MATCH_SLACK_MS,
  TARGET_PRECISION,
  TARGET_RECALL,
  alertMatchesLabel,
  marketMakerCheck,
  missedTargets,
  scoreAlerts,
} from "./manipulation/score.js";
export type { MarketMakerCheck, ScoredAlert, TypeScore } from "./manipulation/score.js";
export { SeededRandom } from "./random.js";
export { SAMPLE_SYMBOLS, loadDailyBars, loadSampleBars, loadSectors } from "./market-data.js";
export type { SectorInfo } from "./market-data.js";
export { createMarketSimulator } from "./simulator.js";
export type { MarketSimulator, MarketSimulatorOptions } from "./simulator.js";
