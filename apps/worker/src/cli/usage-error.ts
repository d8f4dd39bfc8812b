/** The command line was wrong: `nexus` prints the message and the usage, and exits 1. */
export class UsageError extends Error {}
