import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The services (docs/architecture.md): what a request or a job does, over the database and the rules.
const SERVICES = ["./lib/server", "./lib/storefront", "./lib/connectors", "./lib/jobs", "./lib/mail", "./lib/push", "./lib/sms", "./lib/import", "./lib/shop-api", "./lib/tasks", "./lib/uploads", "./lib/http", "./lib/observability", "./lib/wallet"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".scratch/**", "data/**", "node_modules/**", "public/sw.js", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    // Next loads next.config.js as CommonJS.
    files: ["next.config.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // `const { a, ...rest } = x` is how an object loses a field here.
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true }] },
  },
  {
    // The shopper's screens navigate as documents (plain links; the service worker serves them
    // offline): next/link and its prefetching would cost every screen 3-5 KB of script on a phone.
    files: ["app/(app)/**", "app/(auth)/**", "app/not-found.tsx", "app/offline/**", "components/**"],
    ignores: ["components/console/**", "components/ui/tabs.tsx"],
    rules: { "@next/next/no-html-link-for-pages": "off", "@next/next/no-location-assign-relative-destination": "off" },
  },
  {
    files: ["lib/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "error" },
  },
  {
    // Layers read top-down (docs/architecture.md): pure rules (lib/loyalty) at the bottom, the
    // database (lib/db: thin queries) over them, services (lib/server/<feature>: transactions,
    // audit rows, refusals) over that, then sessions and the console, routes, actions and pages.
    // A lower layer never imports a higher one, and no module imports itself round a circle.
    files: ["lib/**/*.ts", "app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx", "proxy.ts"],
    // Tests may reach across layers: an integration test drives a route to check a query. So may
    // the integration tests' global set-up, which imports PGlite itself (whose bundle the cycle
    // check cannot parse: it would print a parser error on every run).
    ignores: ["**/*.test.ts", "lib/db/test-database-snapshot.ts"],
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib/loyalty",
              from: ["./lib/db", ...SERVICES, "./lib/console", "./lib/auth", "./lib/actions", "./app", "./components"],
              message: "lib/loyalty holds the pure rules: it imports no layer above it.",
            },
            {
              target: "./lib/db",
              from: [...SERVICES, "./lib/console", "./lib/auth", "./lib/actions", "./app", "./components"],
              message: "lib/db is queries over the schema: a transaction that decides, its audit row and its refusal belong in a service (lib/server/<feature>, lib/storefront, lib/connectors …); a pure helper it needs belongs in lib/loyalty.",
            },
            {
              // lib/server/<feature>/ composes queries (lib/db) and rules (lib/loyalty) into what a
              // request or job does; who is signed in and the console's dispatcher sit above it.
              target: "./lib/server",
              from: ["./lib/auth", "./lib/console", "./lib/actions", "./app", "./components"],
              message: "Services are called by sessions, the console, routes, actions and pages, never the other way round: pass what they need in.",
            },
            {
              target: "./lib/server/orders",
              from: ["./lib/connectors", "./lib/import", "./lib/shop-api", "./lib/jobs", "./lib/auth", "./lib/console"],
              message: "lib/server/orders applies a shop's events from queries and rules; the shop API, the webhooks and the import call it, never the other way round.",
            },
          ],
        },
      ],
    },
  },
]);
