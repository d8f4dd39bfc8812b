/** kafkajs logs routed into our pino logger, at the level the service runs with. */
import { logLevel } from "kafkajs";
import type { logCreator } from "kafkajs";
import type { Logger } from "pino";

export const kafkaLogLevel = (logger: Logger): logLevel => {
  switch (logger.level) {
    case "trace":
    case "debug":
      return logLevel.DEBUG;
    case "info":
      return logLevel.INFO;
    case "warn":
      return logLevel.WARN;
    case "silent":
      return logLevel.NOTHING;
    default:
      return logLevel.ERROR;
  }
};

export const pinoLogCreator =
  (logger: Logger): logCreator =>
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, logger: _origin, ...fields } = log;
    const context = { kafkajs: namespace, ...fields };
    if (level === logLevel.ERROR) logger.error(context, message);
    else if (level === logLevel.WARN) logger.warn(context, message);
    else if (level === logLevel.INFO) logger.info(context, message);
    else logger.debug(context, message);
  };
