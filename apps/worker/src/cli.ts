/**
 * The `nexus` command's process (bin/nexus.mjs, or `npm run nexus -- ...`): runs cli/run-cli.ts, where
 * the commands, their usage and exit statuses are, on this process's arguments, streams, environment
 * and user, and exits with the status it returns.
 */
import { runCli } from "./cli/run-cli.js";
import { operatorName } from "./cli/users.js";
import { loadWorkerEnv } from "./env.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  loadEnv: loadWorkerEnv,
  operator: operatorName(),
});
