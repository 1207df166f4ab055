// @ts-check
const path = require("node:path");
const createNextIntlPlugin = require("next-intl/plugin");
const { InjectManifest } = require("workbox-webpack-plugin");

// Messages are compiled at build time: the browser gets them ready to format and no ICU parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./lib/i18n/messages", format: "json", locales: ["de", "en"], precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The container image (Dockerfile) runs the self-contained server Next traces into .next/standalone.
  ...(process.env.BUILD_STANDALONE === "1" && { output: "standalone", outputFileTracingIncludes: { "/**": ["./lib/db/migrations/**/*", "./lib/db/pglite-worker.mjs", "./node_modules/@electric-sql/pglite/**/*"] } }),
  // The stylesheet (about 9 KB gzip) stays a file: screens are documents now, and inlined it would
  // come twice with every one (in the HTML and again in the RSC payload), 23 KB instead of 6 KB.
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled; it runs in
  // a worker thread started from lib/db/pglite-worker.mjs, which the standalone trace includes above.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss"],
  webpack(config, { isServer, dev }) {
    // `import text from "./file?raw"`: the file's text as written (embed.js is served so). First in
    // each of Next's lists of alternatives, so none of its loaders compiles the file.
    const raw = { resourceQuery: /raw/, type: "asset/source" };
    for (const rule of config.module.rules) if (rule && typeof rule === "object" && Array.isArray(rule.oneOf)) rule.oneOf.unshift(raw);
    config.module.rules.push(raw);
    // The service worker is built with the client bundle of a production build only.
    if (!isServer && !dev) {
      config.plugins.push(
        new InjectManifest({
          swSrc: path.join(__dirname, "lib/pwa/sw.js"),
          swDest: path.join(__dirname, "public/sw.js"),
          // Precache the app shell's own code and styles; pages are cached as they are visited.
          include: [/\.js$/, /\.css$/, /\.woff2$/],
          exclude: [/\.map$/, /^server\//, /react-loadable-manifest/, /build-manifest/],
          maximumFileSizeToCacheInBytes: 1_000_000,
        }),
      );
    }
    return config;
  },
  // Moderation moved into the console; old bookmarks follow it.
  async redirects() {
    return [{ source: "/staff/reviews", destination: "/console/moderation", permanent: true }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
      {
        // Policies for documents (and what they embed), not for the build's scripts and styles:
        // there they would only add ~180 bytes to each of a screen's script downloads.
        source: "/:path((?!_next/static/).*)",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // Browser features the app never uses, off for it and anything it embeds. (The pages' script
          // policy comes with a fresh nonce per response: proxy.ts, lib/http/security-headers.ts.)
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()" },
        ],
      },
      {
        // Console → Storefront frames this sample product page; no other site may (its policy says
        // frame-ancestors 'self' too). Later in this list, so it replaces the DENY above.
        source: "/storefront-preview",
        headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }],
      },
      {
        // The worker must never be served stale, or a new version could not take over.
        source: "/sw.js",
        headers: [{ key: "Cache-Control", value: "no-cache, no-store, must-revalidate" }],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
