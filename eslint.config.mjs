import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
]);
