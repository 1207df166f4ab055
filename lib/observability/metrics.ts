// The app's own measures. Without telemetry configured the API hands out no-op instruments, so
// recording costs next to nothing.
import { metrics } from "@opentelemetry/api";

const meter = metrics.getMeter("treue");

/** Shop events received, by type and outcome (applied, duplicate, refused). */
export const shopEventsReceived = meter.createCounter("treue.shop_events", { description: "Shop events received, by type and outcome" });
