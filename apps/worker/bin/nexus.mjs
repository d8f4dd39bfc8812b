#!/usr/bin/env node
// The `nexus` command: the CLI is TypeScript importing workspace packages as raw .ts, so register
// tsx's loader in this process and hand over to it (no build step, no second process to forward
// signals to).
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
