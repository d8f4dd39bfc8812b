/**
 * The workspace's live alert stream on the real Postgres: an alert stored by the worker reaches an
 * open stream as a server-sent event; traders and anonymous callers are refused; a closed stream stops
 * listening.
 */
import { randomUUID } from "node:crypto";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { storeAlerts } from "@nexus/db/queries/surveillance-alerts";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertFeed } from "./alert-feed";
import { alertStreamResponse } from "./alert-stream";

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("web_alert_stream");
});
afterAll(async () => {
  await handle.close();
});

const person = (role: "compliance" | "trader" | "admin") => ({
  id: randomUUID(),
  email: `${role}@example.com`,
  name: role,
  role,
});

function alert(): SurveillanceAlert {
  return {
    alertId: randomUUID(),
    type: "layering",
    severity: "high",
    confidence: 0.8,
    userId: randomUUID(),
    symbol: "MSFT",
    firstEventAt: "2026-11-24T14:30:00.000Z",
    lastEventAt: "2026-11-24T14:30:05.000Z",
    detectedAt: "2026-11-24T14:30:05.000Z",
    relatedOrderIds: [],
    description: "Layering: 4 levels pulled",
    recommendedAction: "Review",
    evidence: { metrics: {}, thresholds: {}, timeline: [] },
    updates: 0,
  };
}

/**
 * Reads the stream until an `alert` event about `alertId` arrives; `whenListening` runs once the stream
 * says it listens (its subscription is set up as the response is read, so a store before that is missed).
 */
async function nextAlertEvent(
  response: Response,
  alertId: string,
  whenListening: () => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  let listening = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${alertId}: ${text}`);
    text += decoder.decode(value);
    if (!listening && text.includes(": listening")) {
      listening = true;
      await whenListening();
    }
    for (const block of text.split("\n\n")) {
      const data = /^event: alert\ndata: (.*)$/m.exec(block)?.[1];
      if (data?.includes(alertId)) {
        reader.releaseLock();
        return JSON.parse(data) as Record<string, unknown>;
      }
    }
  }
}

describe("live alert stream", () => {
  it("pushes an alert the moment it is stored, and refuses traders and anonymous callers", async () => {
    const feed = createAlertFeed(handle.sql);
    const closed = new AbortController();
    const response = await alertStreamResponse({ user: person("compliance"), feed, signal: closed.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const raised = alert();
    const arrived = nextAlertEvent(response, raised.alertId, () =>
      storeAlerts(handle.db, [{ alert: raised }]),
    );
    expect(await arrived).toEqual({
      id: raised.alertId,
      type: "layering",
      severity: "high",
      symbol: "MSFT",
      userId: raised.userId,
      updateCount: 0,
    });
    closed.abort();

    expect((await alertStreamResponse({ user: person("trader"), feed, signal: closed.signal })).status).toBe(
      403,
    );
    expect((await alertStreamResponse({ user: null, feed, signal: closed.signal })).status).toBe(401);
  });

  it("does not announce a scan's alerts, nor an unchanged one stored again", async () => {
    const feed = createAlertFeed(handle.sql);
    const seen: string[] = [];
    const unsubscribe = await feed.subscribe((notice) => seen.push(notice.id));
    const scanned = alert();
    const live = alert();
    await storeAlerts(handle.db, [{ alert: scanned, scanId: randomUUID() }]);
    await storeAlerts(handle.db, [{ alert: live }]);
    await storeAlerts(handle.db, [{ alert: live }]);
    const marker = alert();
    await storeAlerts(handle.db, [{ alert: marker }]);
    for (let wait = 0; wait < 100 && !seen.includes(marker.alertId); wait++)
      await new Promise((r) => setTimeout(r, 20));
    expect(seen.filter((id) => [scanned.alertId, live.alertId, marker.alertId].includes(id))).toEqual([
      live.alertId,
      marker.alertId,
    ]);
    await unsubscribe();
  });
});
