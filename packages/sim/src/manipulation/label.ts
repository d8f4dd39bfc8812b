import type { ALERT_TYPES } from "@nexus/core/events";

/** The six patterns of the surveillance contract (the alert_type values of docs/events.md). */
export type ManipulationType = (typeof ALERT_TYPES)[number];

/** Ground truth for one injected manipulation episode: what an alert must find. */
export interface ManipulationLabel {
  labelId: string;
  type: ManipulationType;
  symbol: string;
  /** The manipulator: the user an alert must name. */
  userId: string;
  /** Users acting with the manipulator (e.g. the other side of a wash trade on a linked account). */
  counterpartyUserIds: string[];
  /** Every order of the episode, in the order they were entered. */
  orderIds: string[];
  /** occurred_at of the episode's first and last event (ISO-8601). */
  startedAt: string;
  endedAt: string;
}
