// The base URL of a shop's admin API, as the owner set it (Console → Connections or environment):
// https, or plain http to this machine only (a local stand-in of the platform in tests and demos).
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

export function adminBaseUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.test(url.hostname))) return null;
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}
