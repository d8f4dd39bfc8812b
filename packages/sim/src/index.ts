export type {
  Agent,
  AgentMarket,
  OrderRequest,
  Population,
  SimulatedUser,
  SubmitResult,
  TraderRole,
} from "./agents/agent";
export { benignPopulation } from "./agents/benign-population";
export { nextHolderOrder } from "./agents/portfolio-holder";
export type { HolderOrder, HolderTurn } from "./agents/portfolio-holder";
export type { TraderCounts } from "./agents/benign-population";
export { SUSPECT_RETURN_THRESHOLD, isCompleteBar, parseDailyBars } from "./bars";
export type { CompleteBar, DailyBar, DataIssue, DataIssueKind } from "./bars";
export type { SymbolDay } from "./day-path";
export type { ManipulationLabel, ManipulationType } from "./manipulation/label";
export type { ManipulationOptions } from "./manipulation/population";
export {
  MATCH_SLACK_MS,
  TARGET_PRECISION,
  TARGET_RECALL,
  alertMatchesLabel,
  marketMakerCheck,
  missedTargets,
  scoreAlerts,
} from "./manipulation/score";
export type { MarketMakerCheck, ScoredAlert, TypeScore } from "./manipulation/score";
export { SeededRandom } from "./random";
export { simulatedReferenceData } from "./reference-data";
export { DEMO_SYMBOLS, SAMPLE_SYMBOLS, loadDailyBars, loadSampleBars, loadSectors } from "./market-data";
export type { SectorInfo } from "./market-data";
export { HISTORY_BEFORE_DEFAULT_DAY, defaultReplayDay, replayDayProblem } from "./replay-day";
export { MAX_SPEED, MIN_SPEED, SessionClock, parseSpeed, sessionOpenMs } from "./session-clock";
export { createMarketSimulator, replayDates } from "./simulator";
export type { MarketSimulator, MarketSimulatorOptions } from "./simulator";
