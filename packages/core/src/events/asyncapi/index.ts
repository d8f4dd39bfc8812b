/** `@nexus/core/events/asyncapi`: the event contract as an AsyncAPI document and as docs/events.md. */
export { buildAsyncApiDocument } from "./document";
export type {
  AsyncApiChannel,
  AsyncApiDocument,
  AsyncApiMessage,
  AsyncApiMessageExample,
  AsyncApiOperation,
  Reference,
} from "./document";
export { renderEventsMarkdown } from "./markdown";
export { PORTFOLIO_SOCKET_PATH } from "./portfolio-socket";
export type { JsonSchema } from "./topic-contracts";
