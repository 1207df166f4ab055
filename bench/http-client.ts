// A lean keep-alive HTTP client for the load generators: fetch (undici) costs the shared CPU
// noticeably more per request, which would be charged to the server under test.
import http from "node:http";

export type HttpClient = {
  request: (method: "GET" | "POST", path: string, headers?: Record<string, string>, body?: string) => Promise<{ status: number; body: string }>;
  close: () => void;
};

export function httpClient(base: string, connections: number): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const origin = new URL(base);
  return {
    request: (method, path, headers = {}, body) =>
      new Promise((resolve, reject) => {
        const req = http.request(
          { host: origin.hostname, port: origin.port, path, method, agent, headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
