import type { Logger } from "pino";
import { InMemoryEventBus } from "./memory.js";
import { KafkaEventBus } from "./kafka.js";
import type { EventBus } from "./types.js";

export * from "./types.js";
export { InMemoryEventBus, type InMemoryEventBusOptions } from "./memory.js";
export {
  KafkaEventBus,
  type KafkaEventBusOptions,
  type KafkaFetchOptions,
  type PartitionOffsets,
} from "./kafka.js";
export { toDeadLetter } from "./dead-letter.js";
export { rootCauseMessage, type RetryBackoffOptions } from "./consume-batch.js";

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
