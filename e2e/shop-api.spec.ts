// The shop's side, over real HTTP against `next start`: signatures, idempotency under
// concurrency, and hostile bodies that must be refused with problem+json and write nothing.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { computeSignatureV2, signRequest, signRequestV1 } from "../lib/shop-api/signature";
import { getSigned, orderPaid, postSigned, shopSecret as secret } from "./shop";

function post(request: APIRequestContext, body: string, headers?: Record<string, string>) {
  return postSigned(request, "/api/v1/events", body, headers);
}

function getCustomer(request: APIRequestContext, id: string) {
  return getSigned(request, `/api/v1/customers/${encodeURIComponent(id)}`);
}

test("refuses missing, wrong and stale signatures before reading anything", async ({ request }) => {
  const body = JSON.stringify(orderPaid("evt_sig", "sig-1", "cust-sig", 1_000));
  const now = Math.floor(Date.now() / 1000);
  const signed = { method: "POST", path: "/api/v1/events", query: "", body };
  const cases: Record<string, string>[] = [
    {},
    { "X-Treue-Timestamp": String(now), "X-Treue-Signature": computeSignatureV2("wrong-secret", String(now), signed) },
    { "X-Treue-Timestamp": String(now - 301), "X-Treue-Signature": computeSignatureV2(secret, String(now - 301), signed) },
    { "X-Treue-Timestamp": String(now), "X-Treue-Signature": computeSignatureV2(secret, String(now), { ...signed, path: "/api/v1/email-events" }) },
    { "X-Treue-Timestamp": String(now), "X-Treue-Signature": "v1=nothex" },
  ];
  for (const headers of cases) {
    const response = await post(request, body, headers);
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    expect((await response.json()).type).toBe("urn:treue:problem:invalid-signature");
  }
  expect((await getCustomer(request, "cust-sig")).status()).toBe(404);
  expect((await request.get("/api/v1/customers/cust-sig")).status()).toBe(401);
});

test("v1 signatures still work for events only; v2 ones only for the request they were made for", async ({ request }) => {
  // A shop that signs the old way can still send its events.
  const customerId = `cust-v1-${Date.now()}`;
  const body = JSON.stringify(orderPaid(`evt-${customerId}`, `order-${customerId}`, customerId, 2_500));
  const applied = await postSigned(request, "/api/v1/events", body, signRequestV1(secret, body));
  expect(applied.status()).toBe(200);
  expect(await applied.json()).toMatchObject({ status: "applied", points_delta: 25 });

  // Everywhere else v1 is refused with a detail that says what to do.
  const read = await request.get(`/api/v1/customers/${customerId}`, { headers: signRequestV1(secret, "") });
  expect(read.status()).toBe(401);
  expect((await read.json()).detail).toMatch(/^GET \/api\/v1\/customers\/cust-v1-\d+ requires signature v2: .*v1 is accepted on POST \/api\/v1\/events only$/);
  expect((await postSigned(request, "/api/v1/coupons/TREUE-0000-0000-0000/redeem", '{"order_id":"o-1"}', signRequestV1(secret, '{"order_id":"o-1"}'))).status()).toBe(401);

  // A captured v2 signature does not fit another customer or another coupon.
  const captured = signRequest(secret, { method: "GET", url: `/api/v1/customers/${customerId}` });
  expect((await request.get(`/api/v1/customers/${customerId}`, { headers: captured })).status()).toBe(200);
  expect((await request.get(`/api/v1/customers/${customerId}-2`, { headers: captured })).status()).toBe(401);
  const redeem = signRequest(secret, { method: "POST", url: "/api/v1/coupons/TREUE-0000-0000-0000/redeem", body: '{"order_id":"o-1"}' });
  expect((await postSigned(request, "/api/v1/coupons/TREUE-0000-0000-0000/redeem", '{"order_id":"o-1"}', redeem)).status()).toBe(404);
  expect((await postSigned(request, "/api/v1/coupons/TREUE-0000-0000-0001/redeem", '{"order_id":"o-1"}', redeem)).status()).toBe(401);
});

test("a signature over the query as the shop sent it holds, though Next hands the route a re-serialised query", async ({ request }) => {
  // Next groups repeated names, escapes "~" and gives a bare name "=": the pairs are what is signed.
  const query = "to=2026-12-01&x=%7e+y&from=2026-11-01&x=b&flag";
  const response = await request.get(`/api/v1/metrics?${query}`, { headers: signRequest(secret, { method: "GET", url: `/api/v1/metrics?${query}` }) });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ from: "2026-11-01", to: "2026-12-01" });
  // A path with percent-escapes is verified as sent.
  const id = "cust/ü 1";
  const path = `/api/v1/customers/${encodeURIComponent(id)}`;
  expect((await request.get(path, { headers: signRequest(secret, { method: "GET", url: path }) })).status()).toBe(404);
});

test("the same event delivered 50 times at once applies once; the same id with another body is 409", async ({ request }) => {
  const event = orderPaid(`evt_burst_${Date.now()}`, `burst-${Date.now()}`, `cust-burst-${Date.now()}`, 12_345);
  const body = JSON.stringify(event);
  const responses = await Promise.all(Array.from({ length: 50 }, () => post(request, body)));
  const results = await Promise.all(responses.map((r) => r.json()));
  expect(responses.every((r) => r.status() === 200)).toBe(true);
  expect(results.filter((r) => r.status === "applied")).toHaveLength(1);
  expect(results.filter((r) => r.status === "duplicate")).toHaveLength(49);
  expect(new Set(results.map((r) => `${r.member_id}/${r.points_delta}/${r.balance}`))).toEqual(
    new Set([`${results[0].member_id}/123/123`]),
  );

  const customer = await (await getCustomer(request, event.data.customer.id)).json();
  expect(customer).toMatchObject({ balance: 123, qualifying_spend_cents: 12_345, tier: { id: "bronze" } });

  const altered = JSON.stringify({ ...event, data: { ...event.data, subtotal_cents: 99_999 } });
  const conflict = await post(request, altered);
  expect(conflict.status()).toBe(409);
  expect((await conflict.json()).type).toBe("urn:treue:problem:event-id-conflict");
  expect((await (await getCustomer(request, event.data.customer.id)).json()).balance).toBe(123);
});

test("500 malformed or hostile bodies get 4xx problem+json and write nothing", async ({ request }) => {
  test.setTimeout(120_000);
  const customerId = `cust-hostile-${Date.now()}`;
  let state = 42;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const weird = () => pick([-1, -0.5, 1.5, 1e308, 2 ** 53 + 1, "100", null, [], {}, true, "１２３", NaN.toString()]);
  const deep = (depth: number): unknown => (depth === 0 ? {} : [deep(depth - 1)]);

  const mutations: ((e: ReturnType<typeof orderPaid>) => unknown)[] = [
    (e) => ({ ...e, data: { ...e.data, subtotal_cents: pick([-1, -99_999, 0.5, 1e15, "4299", null, [1], { v: 1 }, false]) } }),
    (e) => ({ ...e, data: { ...e.data, items: [{ ...e.data.items[0], quantity: pick([0, -3, 2.5, "1", null, 1e9]) }] } }),
    (e) => ({ ...e, data: { ...e.data, items: [{ ...e.data.items[0], unit_price_cents: weird() }] } }),
    (e) => ({ ...e, data: { ...e.data, currency: pick(["eur", "EURO", "€", "XXY", "", 978, null, "ЕUR"]) } }),
    (e) => ({ ...e, data: { ...e.data, customer: { ...e.data.customer, email: pick(["", "no-at", "a@", "😀@😀", "a b@c.de", 42, null]) } } }),
    (e) => ({ ...e, id: pick(["", "x".repeat(129), 12_345, null, ["evt"], "   "]) }),
    (e) => ({ ...e, type: pick(["order.shipped", "ORDER.PAID", "", null, 1, "order.paid\u0000"]) }),
    (e) => ({ ...e, data: pick([undefined, null, [], "data", 0, deep(50)]) }),
    (e) => ({ ...e, occurred_at: pick(["yesterday", "", "2026-13-45T99:00:00Z", 1_700_000_000, null]) }),
    (e) => ({ ...e, data: { ...e.data, order_id: pick(["o\u0000x", "", "n".repeat(200), null, 7]) } }),
    (e) => ({ ...e, data: { ...e.data, customer: { ...e.data.customer, birthday: pick(["1990-02-30", "14.05.1990", "1990-5-1", 19_900_514]) } } }),
    (e) => ({ ...e, data: { ...e.data, customer: pick([null, "cust", [], { email: "x@y.de" }, { id: "c" }]) } }),
    (e) => ({ ...e, data: { ...e.data, items: pick(["items", { 0: 1 }, [null], [{ sku: "" }], Array.from({ length: 501 }, () => e.data.items[0])]) } }),
  ];
  const rawBodies = [
    () => "{",
    () => "not json at all",
    () => "\u00ff\u00fe\u0000garbage",
    () => "[".repeat(20_000) + "]".repeat(20_000),
    () => JSON.stringify({ ...orderPaid("evt_big", "big", customerId, 1), padding: "ü".repeat(40_000) }),
    () => "",
    () => "null",
  ];

  const statuses = new Map<number, number>();
  for (let i = 0; i < 500; i++) {
    const event = orderPaid(`evt_hostile_${i}`, `hostile-${i}`, customerId, 1_000 + i);
    const body = i % 10 === 9 ? pick(rawBodies)() : JSON.stringify(pick(mutations)(event));
    const response = await post(request, body);
    statuses.set(response.status(), (statuses.get(response.status()) ?? 0) + 1);
    expect([400, 413], `body #${i}: ${body.slice(0, 120)}`).toContain(response.status());
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    const problem = await response.json();
    expect(problem.detail.length).toBeGreaterThan(5);
  }
  expect(statuses.get(400)).toBeGreaterThan(400);
  expect(statuses.get(413)).toBeGreaterThan(0);

  // Nothing of it was written: the customer those bodies named does not exist.
  expect((await getCustomer(request, customerId)).status()).toBe(404);
});

test("the metrics API answers the period's numbers to signed requests, and 400 for a bad period", async ({ request }) => {
  const today = new Date();
  const from = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(today.getTime() + 86_400_000).toISOString().slice(0, 10);
  const customerId = `cust-metrics-${Date.now()}`;
  expect((await postSigned(request, "/api/v1/events", JSON.stringify(orderPaid(`evt-${customerId}`, `order-${customerId}`, customerId, 4_200)))).status()).toBe(200);

  expect((await request.get(`/api/v1/metrics?from=${from}&to=${to}`)).status()).toBe(401);
  const response = await getSigned(request, `/api/v1/metrics?from=${from}&to=${to}`);
  expect(response.status()).toBe(200);
  const metrics = await response.json();
  expect(metrics).toMatchObject({ from, to, timezone: "Europe/Berlin" });
  expect(metrics.orders).toBeGreaterThanOrEqual(1);
  expect(metrics.revenue_cents).toBeGreaterThanOrEqual(4_200);
  for (const key of ["repeat_purchase_rate", "enrolled_share", "redemption_rate"]) {
    expect(metrics[key] === null || (metrics[key] >= 0 && metrics[key] <= 1), key).toBe(true);
  }
  // A ratio, not a share (docs/metrics.md): several-type customers per single-type customer, above 1 when they outnumber them.
  expect(metrics.upsell_ratio === null || metrics.upsell_ratio >= 0).toBe(true);
  expect(Object.keys(metrics.nps)).toEqual(expect.arrayContaining(["score", "promoters", "passives", "detractors", "answers"]));
  expect(Object.keys(metrics.points_liability)).toEqual(expect.arrayContaining(["points", "cents"]));

  const empty = await (await getSigned(request, "/api/v1/metrics?from=2030-01-01&to=2030-02-01")).json();
  expect(empty).toMatchObject({ orders: 0, aov_cents: null, repeat_purchase_rate: null, nps: { score: null } });

  for (const query of ["from=2026-11-01", "from=2026-11-01&to=2026-10-01", "from=01.11.2026&to=2026-12-01", "from=2020-01-01&to=2026-01-02"]) {
    const bad = await getSigned(request, `/api/v1/metrics?${query}`);
    expect(bad.status(), query).toBe(400);
    expect(bad.headers()["content-type"]).toContain("application/problem+json");
  }
});

test("readiness says the instance can take traffic: database answering, migrations current, loops turning; liveness stays cheap", async ({ request }) => {
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    ready: true,
    checks: { database: { ok: true }, migrations: { ok: true, detail: expect.stringMatching(/^(\d+) of \1 applied$/) }, jobs: { ok: true } },
  });
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("every JSON route answers an error as problem+json with a stable type, in the caller's language", async ({ request }) => {
  const calls: [string, () => ReturnType<APIRequestContext["get"]>, number, string][] = [
    ["GET /api/me/state", () => request.get("/api/me/state"), 401, "unauthenticated"],
    ["POST /api/push/subscriptions", () => request.post("/api/push/subscriptions", { data: {} }), 401, "unauthenticated"],
    ["DELETE /api/push/subscriptions", () => request.delete("/api/push/subscriptions", { data: {} }), 401, "unauthenticated"],
    ["POST /api/tasks/submissions", () => request.post("/api/tasks/submissions", { data: {} }), 401, "unauthenticated"],
    ["POST /api/tasks/photo", () => request.post("/api/tasks/photo", { multipart: { taskId: "x" } }), 401, "unauthenticated"],
    ["POST /api/push/opened", () => request.post("/api/push/opened", { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } }), 400, "invalid-json"],
    ["POST /api/push/opened (no id)", () => request.post("/api/push/opened", { data: { id: "nope" } }), 400, "invalid-input"],
    ["POST /api/console/members.adjust", () => request.post("/api/console/members.adjust", { data: {} }), 401, "unauthenticated"],
    ["POST /api/v1/events", () => request.post("/api/v1/events", { data: {} }), 401, "invalid-signature"],
  ];
  for (const [name, call, status, type] of calls) {
    const response = await call();
    expect(response.status(), name).toBe(status);
    expect(response.headers()["content-type"], name).toBe("application/problem+json");
    const body = (await response.json()) as { type: string; status: number; title: string; detail: string };
    expect(body, name).toMatchObject({ type: `urn:treue:problem:${type}`, status });
    expect(body.title.length, name).toBeGreaterThan(0);
  }
  const english = await request.get("/api/me/state", { headers: { "accept-language": "en" } });
  expect(await english.json()).toMatchObject({ title: "Not signed in", detail: "Please sign in." });
});
