import { existsSync } from "node:fs";

// Debian's Chromium where present (Playwright cannot download browsers everywhere),
// else Playwright's own. These flags keep it quiet on a machine without outside network.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
