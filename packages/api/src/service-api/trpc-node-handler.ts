/**
 * The tRPC HTTP protocol over node:http without the Fetch API in between, for the service API server
 * (service-api-server.ts). tRPC's own adapters (fetch, and node-http, which wraps the request in a
 * Request with a ReadableStream body) build a Request, Headers, URL, abort signals and a Response per
 * call; for `routing.route` that was half a millisecond of CPU, as much as the routing itself (issue 12).
 *
 * The calls tRPC's clients make (httpLink and httpBatchLink: GET queries with `input=`, POST mutations with
 * a JSON body, `?batch=1`) are answered here, step for step as tRPC's resolveResponse does: the input is
 * read and deserialized lazily by the procedure (so an unauthorized caller learns nothing of a malformed
 * body), the context is made once per request, batched calls run concurrently, errors go through the
 * router's error formatter and the status is tRPC's (207 for a batch of mixed outcomes). Everything else
 * (streaming or subscriptions, form data and octet bodies, method override, an unknown procedure, an
 * unusual URL) goes to tRPC's own node-http adapter, so every answer is exactly tRPC's.
 * `trpc-node-handler.test.ts` holds each kind of request to the adapter's answer, byte for byte.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError, getTRPCErrorFromUnknown, getTRPCErrorShape, transformTRPCResponse } from "@trpc/server";
import type { AnyTRPCProcedure } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { getHTTPStatusCode } from "@trpc/server/http";

import type { AppRouter } from "../root";
import type { Context } from "../trpc";

export interface TrpcNodeHandlerOptions {
  router: AppRouter;
  /** Where the router is mounted, with its trailing slash ("/api/trpc/"). */
  basePath: string;
  /** The request's context; the `resHeaders` procedures write (Set-Cookie) are sent with the answer. */
  createContext: (req: IncomingMessage) => Promise<Context>;
  /** Request bodies beyond this many bytes are refused (413, PAYLOAD_TOO_LARGE). */
  maxBodySize: number;
  /** Told of every error answered, as tRPC's `onError`. */
  onError?: (opts: { error: TRPCError; path: string | undefined; req: IncomingMessage }) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type CallOutcome = [TRPCError, undefined] | [undefined, unknown];
/** The answer's body before and after the transformer; built here, so typed loosely for tRPC's helpers. */
type HttpAnswer = Parameters<typeof getHTTPStatusCode>[0];
type WireAnswer = Parameters<typeof transformTRPCResponse>[1];

/** A request the lean path serves: the procedures it names and where its input comes from. */
interface LeanRequest {
  type: "query" | "mutation";
  calls: { path: string; procedure: AnyTRPCProcedure }[];
  isBatch: boolean;
  /** GET: the `input` search parameter (null without one); POST: read from the body. */
  queryInput: string | null;
}

/** The method tRPC accepts for each procedure type (no method override). */
const METHOD_OF = { query: "GET", mutation: "POST" } as const;
/** Procedure paths as tRPC's clients send them; anything to decode or normalize is left to the adapter. */
const PLAIN_PATH = /^[A-Za-z0-9_.,-]+$/;

/** Media types are case-insensitive and may carry parameters (tRPC's hasContentType). */
function contentTypeIs(req: IncomingMessage, type: string): boolean {
  return req.headers["content-type"]?.toLowerCase().split(";", 1)[0]?.trim() === type;
}

/** Asks for a streamed (jsonl) answer, which only the adapter gives (tRPC's getAcceptHeader). */
function wantsStream(req: IncomingMessage): boolean {
  return (
    req.headers["trpc-accept"] !== undefined ||
    (req.headers.accept?.split(",").some((type) => type.trim() === "application/jsonl") ?? false)
  );
}

/** What the lean path answers, or undefined for the adapter. */
function leanRequestOf(
  req: IncomingMessage,
  basePath: string,
  procedures: Record<string, AnyTRPCProcedure | undefined>,
): LeanRequest | undefined {
  const { method, url = "" } = req;
  if (method !== "GET" && method !== "POST") return undefined;
  if (!url.startsWith(basePath)) return undefined;
  const queryAt = url.indexOf("?");
  const path = url.slice(basePath.length, queryAt === -1 ? undefined : queryAt);
  if (!PLAIN_PATH.test(path)) return undefined;
  const search = new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1));
  if (search.has("connectionParams") || wantsStream(req)) return undefined;
  // JSON bodies only; a GET may say so or say nothing (other types go to tRPC's other handlers).
  const declared = req.headers["content-type"] !== undefined;
  if ((method === "POST" || declared) && !contentTypeIs(req, "application/json")) return undefined;
  const isBatch = search.get("batch") === "1";
  const paths = isBatch ? path.split(",") : [path];
  const calls: LeanRequest["calls"] = [];
  for (const name of paths) {
    const procedure = Object.hasOwn(procedures, name) ? procedures[name] : undefined;
    if (procedure === undefined) return undefined;
    calls.push({ path: name, procedure });
  }
  const type = calls[0]?.procedure._def.type;
  if ((type !== "query" && type !== "mutation") || calls.some((call) => call.procedure._def.type !== type))
    return undefined;
  return { type, calls, isBatch, queryInput: search.get("input") };
}

/**
 * The body, read to its end: undefined once it exceeds `maxBodySize` (the rest is drained unread). The
 * text is decoded as the Fetch API's `Request.json()` does, a leading byte order mark dropped.
 */
function readBody(req: IncomingMessage, maxBodySize: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodySize) chunks.push(chunk);
    });
    req.once("end", () => {
      if (size > maxBodySize) return resolve(undefined);
      const text = Buffer.concat(chunks).toString("utf8");
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
    // A client gone before the end of its body: ECONNRESET.
    req.once("error", reject);
  });
}

/** tRPC's isObject: a non-array object. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isAsyncIterable = (value: unknown) => isObject(value) && Symbol.asyncIterator in value;
const isPromise = (value: unknown) =>
  (isObject(value) || typeof value === "function") &&
  typeof (value as { then?: unknown }).then === "function" &&
  typeof (value as { catch?: unknown }).catch === "function";

/** An answer holding a promise or an async iterable needs a streaming link (tRPC's isDataStream). */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const items = Object.values(value);
  return items.some(isPromise) || items.some(isAsyncIterable);
}

const STREAM_NEEDED = () =>
  new TRPCError({
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
  });

export function createTrpcNodeHandler(options: TrpcNodeHandlerOptions): Handler {
  const { router, basePath, maxBodySize } = options;
  const config = router._def._config;
  // Flat by dotted path at run time (what tRPC's getProcedureAtPath reads), whatever the declared type.
  const procedures = router._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>;
  const adapter = createHTTPHandler({
    router,
    basePath,
    maxBodySize,
    createContext: ({ req }) => options.createContext(req),
    responseMeta: ({ ctx }) => ({ headers: ctx?.resHeaders }),
    onError: ({ error, path, req }) => options.onError?.({ error, path, req }),
  });

  /** The inputs by batch index, parsed and deserialized on first use (tRPC's jsonContentTypeHandler). */
  function inputReader(request: LeanRequest, body: Promise<string | undefined> | undefined) {
    const deserialize = (value: unknown) => config.transformer.input.deserialize(value) as unknown;
    let parsed: Promise<Record<number, unknown>> | undefined;
    let settled: Record<number, unknown> | undefined;
    const parse = async (): Promise<Record<number, unknown>> => {
      let inputs: unknown;
      if (body === undefined) {
        // GET: an empty `input` is no input.
        if (request.queryInput) inputs = JSON.parse(request.queryInput);
      } else {
        const text = await body;
        if (text === undefined) throw new TRPCError({ code: "PAYLOAD_TOO_LARGE" });
        // POST: the body must be JSON, an empty one too (as `Request.json()` has it).
        inputs = JSON.parse(text);
      }
      if (inputs === undefined) return {};
      if (!request.isBatch) return { 0: deserialize(inputs) };
      if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: '"input" needs to be an object when doing a batch call',
        });
      }
      const byIndex: Record<number, unknown> = {};
      request.calls.forEach((_, index) => {
        const input = (inputs as Record<number, unknown>)[index];
        if (input !== undefined) byIndex[index] = deserialize(input);
      });
      return byIndex;
    };
    return {
      read: async (index: number): Promise<unknown> => {
        parsed ??= parse().catch((cause: unknown) => {
          if (cause instanceof TRPCError) throw cause;
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: cause instanceof Error ? cause.message : "Invalid input",
            cause,
          });
        });
        settled = await parsed;
        return settled[index];
      },
      /** The input as far as it was read: what error shapes and onError are given. */
      result: (index: number): unknown => settled?.[index],
    };
  }

  async function serve(req: IncomingMessage, res: ServerResponse, request: LeanRequest): Promise<void> {
    const abort = new AbortController();
    res.once("close", () => {
      if (!res.writableEnded) abort.abort();
    });
    const body = req.method === "POST" ? readBody(req, maxBodySize) : undefined;
    // Awaited only if a procedure asks for its input: a client gone meanwhile (its body failing while the
    // context is still being made, say) must not be an unhandled rejection, which would end the process.
    body?.catch(() => undefined);
    const inputs = inputReader(request, body);
    let ctx: Context | undefined;
    let ctxError: TRPCError | undefined;
    try {
      ctx = await options.createContext(req);
    } catch (cause) {
      ctxError = getTRPCErrorFromUnknown(cause);
    }
    const { type, calls } = request;
    const shapeOf = (error: TRPCError, path: string | undefined, index: number) =>
      getTRPCErrorShape({ config, ctx, error, input: inputs.result(index), path, type }) as unknown;
    const failed = (cause: unknown, path: string | undefined): [TRPCError, undefined] => {
      const error = getTRPCErrorFromUnknown(cause);
      options.onError?.({ error, path, req });
      return [error, undefined];
    };
    const outcomes = await Promise.all(
      calls.map(async ({ path, procedure }, index): Promise<CallOutcome> => {
        try {
          if (req.method !== METHOD_OF[type]) {
            throw new TRPCError({
              code: "METHOD_NOT_SUPPORTED",
              message: `Unsupported ${req.method}-request to ${type} procedure at path "${path}"`,
            });
          }
          if (ctxError !== undefined) throw ctxError;
          const data: unknown = await procedure({
            path,
            getRawInput: () => inputs.read(index),
            ctx,
            type,
            signal: abort.signal,
            batchIndex: index,
          });
          return [undefined, data];
        } catch (cause) {
          return failed(cause, path);
        }
      }),
    );
    let answer: unknown;
    if (!request.isBatch) {
      const [error, data] = outcomes[0] ?? [];
      if (error !== undefined) answer = { error: shapeOf(error, calls[0]?.path, 0) };
      else if (!isDataStream(data)) answer = { result: { data } };
      // As in tRPC, a stream-like single answer fails the request itself: no path, no input.
      else answer = { error: requestErrorShape(failed(STREAM_NEEDED(), undefined)[0], ctx, type) };
    } else {
      answer = outcomes.map(([error, data], index) => {
        const wrong = error ?? (isDataStream(data) ? STREAM_NEEDED() : undefined);
        return wrong === undefined
          ? { result: { data } }
          : { error: shapeOf(wrong, calls[index]?.path, index) };
      });
    }
    res.statusCode = getHTTPStatusCode(answer as HttpAnswer);
    const headers = new Map<string, string>([
      ["vary", "trpc-accept, accept"],
      ["content-type", "application/json"],
    ]);
    // Appended as tRPC's responseMeta headers are: a repeated name is one comma-joined value.
    for (const [name, value] of ctx?.resHeaders ?? []) {
      if (name === "set-cookie") continue;
      const before = headers.get(name);
      headers.set(name, before === undefined ? value : `${before}, ${value}`);
    }
    for (const [name, value] of headers) res.setHeader(name, value);
    const cookies = ctx?.resHeaders.getSetCookie() ?? [];
    if (cookies.length > 0) res.setHeader("set-cookie", cookies);
    res.end(JSON.stringify(transformTRPCResponse(config, answer as WireAnswer)));
  }

  /** The shape of an error outside any one call (tRPC's caughtErrorToData). */
  function requestErrorShape(
    error: TRPCError,
    ctx: Context | undefined,
    type: LeanRequest["type"] | "unknown",
  ) {
    return getTRPCErrorShape({ config, ctx, error, input: undefined, path: undefined, type }) as unknown;
  }

  return (req, res) => {
    const request = leanRequestOf(req, basePath, procedures);
    if (request === undefined) return adapter(req, res);
    serve(req, res, request).catch((cause: unknown) => {
      // What tRPC's adapter answers for a failure outside any procedure (internal_exceptionHandler).
      const error = getTRPCErrorFromUnknown(cause);
      options.onError?.({ error, path: undefined, req });
      const answer = { error: requestErrorShape(error, undefined, "unknown") };
      res.statusCode = getHTTPStatusCode(answer as HttpAnswer);
      res.end(JSON.stringify(transformTRPCResponse(config, answer as WireAnswer)));
    });
  };
}
