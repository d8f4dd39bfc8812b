import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

describe("createLogger", () => {
  it("redacts passwords, tokens, cookies and authorization headers", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ name: "test", level: "info", destination });
    logger.info(
      {
        password: "p",
        user: { token: "t" },
        req: { headers: { authorization: "Bearer x", cookie: "s=1", accept: "json" } },
      },
      "login",
    );
    const entry = JSON.parse(lines.join(""));
    expect(entry).toMatchObject({
      name: "test",
      msg: "login",
      password: "[redacted]",
      user: { token: "[redacted]" },
      req: { headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "json" } },
    });
  });
});
