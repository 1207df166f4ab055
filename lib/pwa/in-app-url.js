// Where a notification may take the shopper: only a path inside this app, whatever the payload says.

/**
 * @param {unknown} value the payload's url
 * @param {string} origin the app's origin
 * @returns {string} a path with query and hash, "/" when the value is not one of ours
 */
export function inAppUrl(value, origin) {
  try {
    const url = new URL(typeof value === "string" ? value : "/", origin);
    return url.origin === origin ? url.pathname + url.search + url.hash : "/";
  } catch {
    return "/";
  }
}
