import { inAppUrl } from "../pwa/in-app-url";

/** Stands in for the app's origin where only the path matters: anything that parses elsewhere is refused. */
const PLACEHOLDER_ORIGIN = "https://app.treue.invalid";

/**
 * A redirect target taken from a request, made safe: a path inside this app, "/" otherwise.
 * `origin` (the app's public origin, when known) also admits absolute URLs of this app.
 */
export function localPath(value: unknown, origin: string = PLACEHOLDER_ORIGIN): string {
  return inAppUrl(value, origin);
}
