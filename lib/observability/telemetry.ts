// OpenTelemetry traces and metrics, off unless an OTLP endpoint is configured
// (OTEL_EXPORTER_OTLP_ENDPOINT, and the other standard OTEL_* variables: protocol, headers,
// service name, sampler). Next.js then traces every request and render; the app adds its own
// measures (lib/observability/metrics.ts). @vercel/otel wires the SDK for Next's runtime.
export async function startTelemetry(): Promise<boolean> {
  if (!process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  const [{ registerOTel }, { PeriodicExportingMetricReader }, { OTLPMetricExporter }] = await Promise.all([
    import("@vercel/otel"),
    import("@opentelemetry/sdk-metrics"),
    import("@opentelemetry/exporter-metrics-otlp-http"),
  ]);
  registerOTel({
    serviceName: process.env.OTEL_SERVICE_NAME ?? "treue",
    metricReaders: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: Number(process.env.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000) })],
  });
  return true;
}
