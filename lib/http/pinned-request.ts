// A request to a URL just judged by checkPublicHttpsUrl, made to the address that was judged:
// the connection never asks DNS again, so a name pointed elsewhere between check and connect
// changes nothing. TLS still verifies the certificate against the URL's host name. Redirects are
// never followed (the caller sees the 3xx), and the answer is read up to a cap.
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

export type PinnedResponse = { status: number; body: Buffer };

export class PinnedRequestError extends Error {}

export type PinnedRequestInit = {
  /** GET, POST, PATCH, DELETE… */
  method: string;
  headers: Record<string, string>;
  /** Sent with its content-length; none for a request without a body. */
  body?: string;
  timeoutMs: number;
  maxBytes: number;
};

/** POSTs `body` to `url`, connecting to `address` (one of the URL's checked addresses). */
export function pinnedPost(url: URL, address: string, init: { headers: Record<string, string>; body: string; timeoutMs: number; maxBytes: number }): Promise<PinnedResponse> {
  return pinnedRequest(url, address, { ...init, method: "POST" });
}

/** Sends `init.method` to `url`, connecting to `address` (one of the URL's checked addresses). */
export function pinnedRequest(url: URL, address: string, init: PinnedRequestInit): Promise<PinnedResponse> {
  const family = isIP(address);
  if (family === 0) return Promise.reject(new PinnedRequestError("not an IP address"));
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === "https:" ? https : http;
  const headers = init.body === undefined ? init.headers : { ...init.headers, "content-length": Buffer.byteLength(init.body).toString() };
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: init.method,
        headers,
        lookup,
        agent: false,
        signal: AbortSignal.timeout(init.timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > init.maxBytes) {
            response.destroy();
            reject(new PinnedRequestError(`the answer is larger than ${init.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on("error", (error) => reject(new PinnedRequestError(error.message)));
      },
    );
    request.on("error", (error) => reject(new PinnedRequestError((error as NodeJS.ErrnoException).code ?? error.name)));
    request.end(init.body);
  });
}
