import type { Logger } from "pino";
import { InMemoryEventBus } from "./memory";
import { KafkaEventBus } from "./kafka";
import type { EventBus } from "./types";

export * from "./types";
export { InMemoryEventBus, type InMemoryEventBusOptions } from "./memory";
export {
  KafkaEventBus,
  type KafkaEventBusOptions,
  type KafkaFetchOptions,
  type PartitionOffsets,
} from "./kafka";
export { toDeadLetter } from "./dead-letter";
export { BackgroundPublisher, type BackgroundPublisherOptions } from "./background-publisher";
export { rootCauseMessage, type RetryBackoffOptions } from "./consume-batch";

export interface CreateEventBusOptions {
  /** From env KAFKA_BROKERS; without brokers the bus is in-process (embedded default). */
  brokers?: string[];
  clientId: string;
  logger: Logger;
}

export const createEventBus = ({ brokers, clientId, logger }: CreateEventBusOptions): EventBus =>
  brokers && brokers.length > 0
    ? new KafkaEventBus({ brokers, clientId, logger })
    : new InMemoryEventBus({ logger });
