/** `@nexus/services/simulation`: the simulated session's controls and the status bar's figures. */
export { simulationControlSchema, setSimulationControl } from "./simulation-control";
export type { SimulationControl } from "./simulation-control";
export { WORKER_STATUS_FRESH_MS, readSessionStatus, simulationStateSchema } from "./session-status";
export type { SessionStatus, SimulationState } from "./session-status";
