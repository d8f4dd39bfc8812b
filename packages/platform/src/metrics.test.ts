import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics";

describe("Metrics", () => {
  it("renders its own series and the default process metrics in the Prometheus text format", async () => {
    const metrics = createMetrics({ labels: { service: "worker" } });
    metrics
      .counter("nexus_events_consumed_total", "Events consumed", ["topic"])
      .inc({ topic: "orders.created" }, 3);
    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('nexus_events_consumed_total{topic="orders.created",service="worker"} 3');
    expect(body).toContain("process_cpu_user_seconds_total");
  });

  it("keeps registries apart, so two instances can define the same metric", () => {
    expect(() => {
      createMetrics().gauge("nexus_lag", "lag");
      createMetrics().gauge("nexus_lag", "lag");
    }).not.toThrow();
  });
});
