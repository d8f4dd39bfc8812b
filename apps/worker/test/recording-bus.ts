/** An EventBus that only records what is published: for code that produces and never consumes. */
import type { Consumer, EventBus, OutgoingMessage } from "@nexus/platform/bus";

export class RecordingBus implements EventBus {
  readonly published: Array<{ topic: string; message: OutgoingMessage }> = [];

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) this.published.push({ topic, message });
  }

  subscribe(): Promise<Consumer> {
    throw new Error("RecordingBus does not deliver: use InMemoryEventBus to consume");
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
