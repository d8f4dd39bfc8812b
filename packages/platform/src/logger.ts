/** Structured JSON logs (pino). Secrets never reach the log sink: the paths below are redacted. */
import { pino } from "pino";
import type { DestinationStream, Level, Logger } from "pino";

export type { Logger } from "pino";
export type LogLevel = Level | "silent";

export interface LoggerOptions {
  name: string;
  level: LogLevel;
  /** Defaults to stdout; tests pass a stream to read what was written. */
  destination?: DestinationStream;
}

const secretFields = ["password", "token", "cookie", "authorization"];

/** Top level, one level down (`headers.authorization`) and inside request/response headers. */
export const redactedPaths = [
  ...secretFields,
  ...secretFields.map((field) => `*.${field}`),
  ...secretFields.map((field) => `*.headers.${field}`),
];

export const createLogger = ({ name, level, destination }: LoggerOptions): Logger =>
  pino({ name, level, redact: { paths: redactedPaths, censor: "[redacted]" } }, destination);
