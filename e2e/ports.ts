// Every port an e2e run listens on, counted from E2E_PORT (default 3100): the app's server, the
// stand-in push service it may push to, and the servers of the specs that start their own. They
// all lie in E2E_PORT … E2E_PORT + 15, so two runs whose E2E_PORTs are 20 apart never meet.
const base = Number(process.env.E2E_PORT ?? 3100);

export const E2E_PORTS = {
  app: base,
  pushService: base + 1,
  shopDiscounts: base + 2,
  storefront: base + 3,
  storefrontLauncher: base + 4,
  programCurrency: base + 5,
  shopApiSecret: base + 6,
  walletButtons: base + 7,
  telemetry: base + 8,
  telemetryCollector: base + 9,
  /** instances.spec.ts: its first test's instance, then the two of each later test. */
  instances: [base + 10, base + 11, base + 12, base + 13, base + 14],
} as const;
