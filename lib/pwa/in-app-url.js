// Where a link from outside may take someone: only a path inside this app, whatever the input says.
// One rule for every redirect whose target comes from a request or a payload (sign-in callbacks,
// mail clicks, push deep links). It parses, as a browser would, instead of inspecting the text:
// "/\t/evil.example" looks like a path, but a browser drops the tab and goes to //evil.example.

/**
 * @param {unknown} value the requested target: a path, or an absolute URL of this app
 * @param {string} origin the app's origin
 * @returns {string} a path with query and hash, "/" when the value does not lead into this app
 */
export function inAppUrl(value, origin) {
  if (typeof value !== "string") return "/";
  try {
    const url = new URL(value, origin);
    if (url.origin !== origin) return "/";
    // "https://app//evil.example" is ours, but its path on its own would name another host.
    return url.pathname.replace(/^\/{2,}/, "/") + url.search + url.hash;
  } catch {
    return "/";
  }
}
