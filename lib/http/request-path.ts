import "server-only";
import { headers } from "next/headers";

/**
 * The path of the page being rendered, as the proxy saw it (proxy.ts). Layouts get no path of
 * their own; the shopper app's screens are documents, so its layout renders for every page.
 */
export async function requestPath(): Promise<string> {
  return (await headers()).get("x-treue-path") ?? "/";
}
