// A fetch for calls to an address someone typed into the console (a shop's admin API): https to
// public addresses only, connected to the address just judged (lib/http/public-url.ts,
// pinned-request.ts), no redirect followed, the answer capped. Staff may have typed a mistake, or
// an admin an address inside the server's own network, with the owner's access token attached.
// `privateNetwork` (TREUE_SHOP_PRIVATE_NETWORK=1): the shop lives inside the operator's own network
// (or is a local stand-in in tests), so private addresses and plain http to loopback are allowed.
import { pinnedRequest, PinnedRequestError } from "./pinned-request";
import { checkPublicHttpsUrl, isLoopbackAddress, resolvePublicHost, urlHost } from "./public-url";

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export function guardedFetch({ privateNetwork = false, timeoutMs = 10_000 }: { privateNetwork?: boolean; timeoutMs?: number } = {}): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const judged = privateNetwork ? await judgePrivate(url) : await checkPublicHttpsUrl(url.toString());
    if (!judged.ok) throw new TypeError(`the shop's address ${url.host} is not allowed (${judged.reason})`);
    try {
      const answer = await pinnedRequest(url, judged.addresses[0]!, {
        method: init?.method ?? "GET",
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        ...(typeof init?.body === "string" && { body: init.body }),
        timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
      });
      return new Response(answer.status === 204 || answer.status === 304 ? null : new Uint8Array(answer.body), { status: answer.status });
    } catch (error) {
      // As fetch does: a network failure is a TypeError the callers already treat as "try again later".
      if (error instanceof PinnedRequestError) throw new TypeError(`the shop did not answer (${error.message})`);
      throw error;
    }
  };
}

/** Inside the operator's network: any address over https; plain http to this machine only. */
async function judgePrivate(url: URL) {
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false as const, reason: "not-https" };
  const accept = url.protocol === "https:" ? () => true : isLoopbackAddress;
  return resolvePublicHost(urlHost(url), undefined, accept);
}
