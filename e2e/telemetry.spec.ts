// With an OTLP endpoint configured, a server sends its traces and metrics there: a collector on
// a local port (plain HTTP, OTLP's JSON encoding) receives the spans of the requests it served
// and the count of shop events. Without one, nothing is sent (the e2e server has none).
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signRequest } from "../lib/shop-api/signature";
import { startNext } from "./next-process";
import { E2E_PORTS } from "./ports";

test("traces and metrics reach the configured OTLP collector", async () => {
  const received: { path: string; body: string }[] = [];
  const collector = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ path: request.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(E2E_PORTS.telemetryCollector, "127.0.0.1", resolve));
  const server = await startNext(
    E2E_PORTS.telemetry,
    {
      DATABASE_URL: "",
      TREUE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "treue-otel-")),
      TREUE_DEMO: "1",
      TREUE_SHOP_SECRET: "otel-secret",
      NEXTAUTH_SECRET: "otel-secret-otel-secret-otel-secret-42",
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${E2E_PORTS.telemetryCollector}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_SERVICE_NAME: "treue-e2e",
      OTEL_METRIC_EXPORT_INTERVAL: "1000",
      OTEL_BSP_SCHEDULE_DELAY: "200",
    },
    "/api/health",
  );
  const { base } = server;
  try {
    const body = JSON.stringify({ id: "otel-evt-1", type: "order.paid", occurred_at: new Date().toISOString(), data: { order_id: "otel-1", customer: { id: "otel-c1", email: "otel@example.com" }, currency: "EUR", subtotal_cents: 5_000, items: [] } });
    expect((await fetch(`${base}/api/v1/events`, { method: "POST", body, headers: { "content-type": "application/json", ...signRequest("otel-secret", { method: "POST", url: "/api/v1/events", body }) } })).status).toBe(200);
    await fetch(`${base}/api/ready`);
    await expect.poll(() => received.some((r) => r.path === "/v1/traces" && r.body.includes("treue-e2e") && r.body.includes("/api/v1/events")), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => received.some((r) => r.path === "/v1/metrics" && r.body.includes("treue.shop_events")), { timeout: 20_000 }).toBe(true);
  } finally {
    await server.stop();
    collector.close();
  }
});
