import { headers } from "next/headers";
import { earlyTapsScript } from "@/lib/client/early-taps";

/**
 * Holds taps made before React has hydrated the page (lib/client/early-taps.ts). Inline, so it runs
 * before the first button can be reached; with the page's nonce, as the security policy requires.
 */
export async function EarlyTaps() {
  const nonce = (await headers()).get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyTapsScript }} />;
}
