import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium";
import { E2E_PORTS } from "./e2e/ports";
import { PUSH_SERVICE_PORT } from "./e2e/push-service";
import { KNOWN_PUSH_SERVICES } from "./lib/push/push-services";

const port = E2E_PORTS.app;
const baseURL = `http://127.0.0.1:${port}`;
// Set once in the runner; workers inherit it, so all of them talk to the same fresh server.
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `treue-e2e-${process.pid}-${Date.now()}`);


export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "de-DE",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    // Server-to-server specs run once, in the desktop project: no viewport is involved. The
    // console is desktop-first (tablet screenshots come from scripts/console-screenshots.ts).
    { name: "phone", use: { ...devices["Pixel 7"] }, testIgnore: ["**/shop-api.spec.ts", "**/console.spec.ts", "**/instances.spec.ts", "**/telemetry.spec.ts", "**/security.spec.ts", "**/shop-discounts.spec.ts", "**/storefront.spec.ts", "**/storefront-launcher.spec.ts", "**/console-storefront.spec.ts", "**/program-currency.spec.ts", "**/shop-api-secret.spec.ts", "**/console-forms-validation.spec.ts", "**/console-forms-validation-more.spec.ts", "**/till.spec.ts"] },
    // The wallet buttons are a phone's: an Android phone sees Google's.
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } }, testIgnore: ["**/wallet-buttons.spec.ts"] },
  ],
  webServer: {
    // A long keep-alive: the tests' API client reuses idle connections, and one the server closed
    // at the same moment would surface as ECONNRESET.
    command: `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1 --keepAliveTimeout 120000`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      TREUE_DEMO: "1",
      TREUE_DATA_DIR: process.env.E2E_DATA_DIR,
      // Every test browser signs in from 127.0.0.1: the per-IP default (30 per 15 min) is for the public.
      TREUE_SIGNIN_LIMIT_PER_IP: "1000",
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
      TREUE_SHOP_SECRET: "e2e-shop-secret",
      NEXT_TELEMETRY_DISABLED: "1",
      // The tests' stand-in push service (e2e/push-service.ts) has its own certificate.
      NODE_EXTRA_CA_CERTS: path.resolve("e2e/fixtures/push-service.crt"),
      // …on this machine's loopback: allowed at exactly its host and port, besides the browsers' own services.
      TREUE_PUSH_SERVICES: [...KNOWN_PUSH_SERVICES, `127.0.0.1:${PUSH_SERVICE_PORT}`].join(","),
      TREUE_PUSH_PRIVATE_NETWORK: "1",
      DATABASE_URL: "",
    },
  },
});
