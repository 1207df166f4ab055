// The card in Google Wallet against a local stand-in for Google that answers as Google documents:
// the OAuth token endpoint (a service account's RS256 JWT assertion, RFC 7523) and the Wallet REST
// API (loyaltyClass GET/POST/PATCH, loyaltyObject POST (409 when it exists) and PUT with a bearer
// token, 404 for an object Google does not have). Every request is checked; the save link's JWT is
// verified with the test key's public part.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { createTranslator } from "use-intl/core";
import { afterAll, beforeEach, expect, it, vi } from "vitest";
import de from "../../i18n/messages/de.json";
import { hitRateLimit } from "../../db/queries/rate-limits";
import { ensureWalletPass } from "../../db/queries/wallet-passes";
import { coupons, members, walletPasses } from "../../db/schema";
import { DEMO_OWNER, DEMO_SHOPPER, seedDemo } from "../../db/seed-demo";
import { describeEachDatabase, routesUse } from "../../db/test-databases";

const ISSUER = "3388000000022334455";
const CLIENT_EMAIL = "treue-wallet@treue-test.iam.gserviceaccount.com";
const KEY_ID = "test-key-1";
const SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const CLASS_ID = `${ISSUER}.treue_loyalty`;

// ---- Google, as its documentation describes it ----
type Seen = { method: string; path: string; token: string | null; body: unknown };
const seen: Seen[] = [];
const problems: string[] = [];
const issuedTokens = new Set<string>();
let tokenRequests = 0;
const classes = new Map<string, Record<string, unknown>>();
/** The objects Google holds: inserted through the API, or made from a save link's JWT when the shopper taps "Save". */
const objects = new Map<string, Record<string, unknown>>();
/** The next Wallet API answer, instead of the normal one (a 401, a busy 503). */
let answerNext: { status: number; headers?: Record<string, string>; json: object } | null = null;

const googleError = (code: number, status: string, message: string) => ({ error: { code, status, message } });

async function readBody(req: IncomingMessage): Promise<string> {
  let raw = "";
  for await (const chunk of req) raw += (chunk as Buffer).toString("utf8");
  return raw;
}

async function tokenEndpoint(req: IncomingMessage, res: ServerResponse, reply: (status: number, json: object) => void, tokenUrl: string) {
  tokenRequests++;
  if (req.method !== "POST" || !req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) return reply(400, { error: "invalid_request", error_description: "form POST expected" });
  const form = new URLSearchParams(await readBody(req));
  if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") return reply(400, { error: "unsupported_grant_type", error_description: "Invalid grant_type" });
  const assertion = form.get("assertion") ?? "";
  try {
    const { payload } = await jwtVerify(assertion, publicKey, { issuer: CLIENT_EMAIL, audience: tokenUrl, algorithms: ["RS256"] });
    if (decodeProtectedHeader(assertion).kid !== KEY_ID) throw new Error("kid names another key");
    if (payload.scope !== SCOPE) throw new Error(`scope ${String(payload.scope)}`);
    if (typeof payload.iat !== "number" || typeof payload.exp !== "number" || payload.exp - payload.iat > 3600) throw new Error("exp more than an hour after iat");
    if (Math.abs(payload.iat - Date.now() / 1000) > 300) throw new Error("iat is not now");
  } catch (error) {
    problems.push(`token: ${(error as Error).message}`);
    return reply(400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
  }
  const token = `ya29.test-${tokenRequests}`;
  issuedTokens.add(token);
  reply(200, { access_token: token, expires_in: 3599, token_type: "Bearer" });
}

function checkClass(body: Record<string, unknown>): string | null {
  const logo = (body.programLogo as { sourceUri?: { uri?: string } } | undefined)?.sourceUri?.uri;
  if (typeof body.programName !== "string" || !body.programName) return "programName is required";
  if (typeof body.issuerName !== "string" || !body.issuerName) return "issuerName is required";
  if (!logo?.startsWith("https://")) return "programLogo.sourceUri.uri must be an https URL";
  if (!["UNDER_REVIEW", "DRAFT"].includes(String(body.reviewStatus))) return "reviewStatus is required";
  if (!/^#[0-9a-fA-F]{6}$/.test(String(body.hexBackgroundColor))) return "hexBackgroundColor must be #rrggbb";
  return null;
}

const server = createServer((req, res) => {
  void (async () => {
    const reply = (status: number, json: object, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(json));
    const url = new URL(req.url ?? "/", "http://google.test");
    if (url.pathname === "/token") return tokenEndpoint(req, res, reply, `${base}/token`);
    const auth = req.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : null;
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    if (raw) {
      if (req.headers["content-type"] !== "application/json") problems.push(`${req.method} ${url.pathname}: body without JSON content type`);
      body = JSON.parse(raw) as Record<string, unknown>;
    }
    seen.push({ method: req.method ?? "", path: url.pathname, token, body: raw ? body : undefined });
    if (!token || !issuedTokens.has(token)) return reply(401, googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
    if (answerNext) {
      const answer = answerNext;
      answerNext = null;
      return reply(answer.status, answer.json, answer.headers);
    }
    const match = /^\/walletobjects\/v1\/(loyaltyClass|loyaltyObject)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) {
      problems.push(`unknown path ${req.method} ${url.pathname}`);
      return reply(404, googleError(404, "NOT_FOUND", "Not Found"));
    }
    const [, kind, rawId] = match;
    const id = rawId ? decodeURIComponent(rawId) : undefined;
    if (kind === "loyaltyClass") {
      if (req.method === "GET" && id) return classes.has(id) ? reply(200, { kind: "walletobjects#loyaltyClass", ...classes.get(id) }) : reply(404, googleError(404, "NOT_FOUND", `Resource not found: ${id}`));
      if (req.method === "POST" && !id) {
        const problem = checkClass(body);
        if (problem) return problems.push(problem), reply(400, googleError(400, "INVALID_ARGUMENT", problem));
        if (classes.has(String(body.id))) return reply(409, googleError(409, "ALREADY_EXISTS", "Resource already exists"));
        classes.set(String(body.id), body);
        return reply(200, body);
      }
      if (req.method === "PATCH" && id) {
        if (!classes.has(id)) return reply(404, googleError(404, "NOT_FOUND", `Resource not found: ${id}`));
        classes.set(id, { ...classes.get(id), ...body });
        return reply(200, classes.get(id)!);
      }
    }
    if (kind === "loyaltyObject" && req.method === "POST" && !id) {
      if (typeof body.id !== "string" || !body.id.startsWith(`${ISSUER}.`)) return problems.push("object id without the issuer"), reply(400, googleError(400, "INVALID_ARGUMENT", "id"));
      if (!["ACTIVE", "INACTIVE", "COMPLETED", "EXPIRED"].includes(String(body.state))) return problems.push("object without state"), reply(400, googleError(400, "INVALID_ARGUMENT", "state"));
      if (!classes.has(String(body.classId))) return problems.push("object before its class"), reply(404, googleError(404, "NOT_FOUND", `Class not found: ${String(body.classId)}`));
      if (objects.has(body.id)) return reply(409, googleError(409, "ALREADY_EXISTS", `Resource already exists: ${body.id}`));
      objects.set(body.id, body);
      return reply(200, body);
    }
    if (kind === "loyaltyObject" && req.method === "PUT" && id) {
      if (body.id !== id) return problems.push("object id differs from the path"), reply(400, googleError(400, "INVALID_ARGUMENT", "id mismatch"));
      if (!classes.has(String(body.classId))) return problems.push("object before its class"), reply(404, googleError(404, "NOT_FOUND", `Class not found: ${String(body.classId)}`));
      if (!objects.has(id)) return reply(404, googleError(404, "NOT_FOUND", `Resource not found: ${id}`));
      objects.set(id, body);
      return reply(200, body);
    }
    problems.push(`unexpected ${req.method} ${url.pathname}`);
    return reply(400, googleError(400, "INVALID_ARGUMENT", "unexpected request"));
  })();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Google Wallet is configured for this process: the service account's JSON key inline, Google's endpoints the stand-in above.
process.env.NEXTAUTH_URL = "https://treue.example";
process.env.TREUE_GOOGLE_WALLET_ISSUER_ID = ISSUER;
process.env.TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT = JSON.stringify({
  type: "service_account",
  project_id: "treue-test",
  private_key_id: KEY_ID,
  private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
  client_email: CLIENT_EMAIL,
  token_uri: `${base}/token`,
});
process.env.TREUE_GOOGLE_WALLET_API_BASE = `${base}/walletobjects/v1`;

const signedIn = vi.hoisted(() => ({ memberId: null as string | null }));
vi.mock("../../auth/session", () => ({ currentMemberId: async () => signedIn.memberId }));
vi.mock("next-intl/server", () => ({ getTranslations: async (namespace: string) => createTranslator({ locale: "de", messages: de, namespace: namespace as "errors" }) }));

const { GET: saveRoute } = await import("../../../app/api/wallet/google/save/route");
const { googlePassPusher } = await import("./pusher");
const { adjustPoints } = await import("../../server/members");
const { eraseMember } = await import("../../server/privacy");
const { pushDueWalletPasses } = await import("../push-due");
const { WALLET_CARD_LIMITS, walletCardLimitKeys } = await import("../card-limit");

beforeEach(() => {
  seen.length = 0;
  answerNext = null;
});

describeEachDatabase("the loyalty card in Google Wallet", (db) => {
  const now = new Date();
  let shopperId = "";
  let requestNo = 0;
  const owner = { id: null, email: DEMO_OWNER.email };
  const passOf = async (memberId: string) => (await db().select().from(walletPasses).where(and(eq(walletPasses.memberId, memberId), eq(walletPasses.platform, "google"))))[0]!;
  const due = async (memberId: string) => {
    const pass = await passOf(memberId);
    return { id: pass.id, memberId, platform: "google" as const, serial: pass.serial, changedAt: pass.changedAt, version: String(pass.changedAt.getTime() * 1000) };
  };
  const adjust = (points: number) => adjustPoints(db(), owner, { memberId: shopperId, points, reason: "Test", requestId: `google-${++requestNo}` }, now);
  const puts = () => seen.filter((s) => s.method === "PUT");
  const save = () => saveRoute(new Request("https://treue.example/api/wallet/google/save"));
  const linkPayload = async (response: Response) => {
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith("https://pay.google.com/gp/v/save/")).toBe(true);
    const verified = await jwtVerify(location.slice("https://pay.google.com/gp/v/save/".length), publicKey, { issuer: CLIENT_EMAIL, audience: "google", algorithms: ["RS256"] });
    return { ...verified, content: verified.payload.payload as { loyaltyClasses?: Record<string, unknown>[]; loyaltyObjects: Record<string, unknown>[] } };
  };

  it("puts the shopper's card at Google, then redirects them with a signed JWT that names it by its ids only", async () => {
    await seedDemo(db(), now);
    await db().execute(sql`update programs set branding = jsonb_set(branding, '{primaryColor}', '"#7a3e9d"')`);
    routesUse(db());
    const [shopper] = await db().select().from(members).where(eq(members.email, DEMO_SHOPPER.email));
    shopperId = shopper!.id;

    signedIn.memberId = null;
    expect((await save()).status).toBe(401);
    expect(await db().select().from(walletPasses)).toEqual([]);

    signedIn.memberId = shopperId;
    const response = await save();
    expect(response.status).toBe(303);
    const { payload, protectedHeader, content } = await linkPayload(response);
    expect(protectedHeader.kid).toBe(KEY_ID);
    expect(payload.typ).toBe("savetowallet");
    expect(payload.origins).toEqual(["https://treue.example"]);

    const [member] = await db().select().from(members).where(eq(members.id, shopperId));
    const pass = await passOf(shopperId);
    const objectId = `${ISSUER}.${pass.serial}`;
    // The link carries nothing of the member: the object's ids, no class, no balance, name or number.
    expect(content).toEqual({ loyaltyObjects: [{ id: objectId, classId: CLASS_ID }] });
    expect(JSON.stringify(payload)).not.toContain(member!.memberNumber!);

    // The class and the object were put at Google through the API before the link, in this order.
    expect(seen.filter((r) => r.method === "POST" && r.path.endsWith("/loyaltyObject"))).toHaveLength(1);
    expect(classes.get(CLASS_ID)).toMatchObject({
      id: CLASS_ID,
      programName: "Gipfelglück Outdoor",
      issuerName: "Gipfelglück Outdoor",
      hexBackgroundColor: "#7a3e9d",
      reviewStatus: "UNDER_REVIEW",
      programLogo: expect.objectContaining({ sourceUri: { uri: expect.stringMatching(/^https:\/\/treue\.example\//) } }),
    });
    expect(member!.memberNumber).toMatch(/^\d{10}$/);
    const printed = `${member!.memberNumber!.slice(0, 4)} ${member!.memberNumber!.slice(4, 8)} ${member!.memberNumber!.slice(8)}`;
    const object = objects.get(objectId)!;
    expect(object).toMatchObject({
      id: objectId,
      classId: CLASS_ID,
      state: "ACTIVE",
      accountId: printed,
      accountName: DEMO_SHOPPER.name,
      loyaltyPoints: { label: "Punkte", balance: { int: member!.pointsBalance } },
      barcode: { type: "QR_CODE", value: member!.memberNumber, alternateText: printed },
      linksModuleData: { uris: [{ id: "app", uri: "https://treue.example/", description: "Mein Konto bei Gipfelglück Outdoor" }] },
    });
    expect(member!.pointsBalance).toBeGreaterThan(0);
    // The demo shopper holds a status and is on the way to a reward: both on the card, in German.
    expect(object.secondaryLoyaltyPoints).toEqual({ label: "Status", balance: { string: expect.any(String) } });
    expect(object.textModulesData).toEqual(expect.arrayContaining([expect.objectContaining({ id: "next_reward", header: "Nächste Prämie" })]));
    // The serial is random, never the member's id.
    expect(pass.serial).not.toContain(shopperId);
    expect(problems).toEqual([]);
    // What Google holds needs no push; a later change does.
    expect(pass.pushedAt?.getTime()).toBe(pass.changedAt.getTime());
    expect(pass.goneAt).toBeNull();
  });

  it("gives the object Google already has the current content when the shopper asks for the link again (409, then a full update)", async () => {
    const { balance } = await adjust(7);
    seen.length = 0;
    const response = await save();
    expect(response.status).toBe(303);
    const objectId = `${ISSUER}.${(await passOf(shopperId)).serial}`;
    expect((await linkPayload(response)).content).toEqual({ loyaltyObjects: [{ id: objectId, classId: CLASS_ID }] });
    expect(seen.filter((r) => r.path.includes("loyaltyObject")).map((r) => r.method)).toEqual(["POST", "PUT"]);
    expect(objects.get(objectId)).toMatchObject({ loyaltyPoints: { balance: { int: balance } } });
    expect(problems).toEqual([]);
  });

  it("asks a signed-out visitor to sign in, in words", async () => {
    signedIn.memberId = null;
    const response = await save();
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toBe("Bitte melde dich an.");
  });

  it("tells Google a new balance with a bearer token from the service account, once per token lifetime", async () => {
    const pass = await passOf(shopperId);
    const objectId = `${ISSUER}.${pass.serial}`;

    const { balance } = await adjust(120);
    const changed = await passOf(shopperId);
    expect(changed.changedAt.getTime()).toBeGreaterThan(changed.pushedAt!.getTime()); // the trigger marked the card
    const tokensBefore = tokenRequests;
    expect(await googlePassPusher(db(), await due(shopperId), now)).toEqual({ status: "pushed" });
    expect(objects.get(objectId)).toMatchObject({ id: objectId, classId: CLASS_ID, loyaltyPoints: { balance: { int: balance } } });

    const second = await adjust(-20);
    expect(await googlePassPusher(db(), await due(shopperId), now)).toEqual({ status: "pushed" });
    expect(objects.get(objectId)).toMatchObject({ loyaltyPoints: { balance: { int: second.balance } } });

    const updates = puts();
    expect(updates.map((u) => u.path)).toEqual([`/walletobjects/v1/loyaltyObject/${objectId}`, `/walletobjects/v1/loyaltyObject/${objectId}`]);
    expect(updates.every((u) => u.token !== null && issuedTokens.has(u.token))).toBe(true);
    // One token for both pushes (the save link may already have fetched it for the class).
    expect(tokenRequests - tokensBefore).toBeLessThanOrEqual(1);
    expect(updates[0]!.token).toBe(updates[1]!.token);
    expect(problems).toEqual([]);
  });

  it("puts the whole card in the link when Google cannot take it now, and calls a card Google does not hold gone", async () => {
    const [camper] = await db().select().from(members).where(eq(members.email, "ben@demo.treue.shop"));
    signedIn.memberId = camper!.id;
    const objectId = `${ISSUER}.${(await ensureWalletPass(db(), camper!.id, "google")).serial}`;
    answerNext = { status: 503, json: googleError(503, "UNAVAILABLE", "The service is currently unavailable.") };
    const response = await save();
    expect(response.status).toBe(303);
    const { content } = await linkPayload(response);
    expect(content.loyaltyClasses).toEqual([expect.objectContaining({ id: CLASS_ID, programName: "Gipfelglück Outdoor" })]);
    expect(content.loyaltyObjects).toEqual([expect.objectContaining({ id: objectId, classId: CLASS_ID, state: "ACTIVE", loyaltyPoints: expect.any(Object), barcode: expect.any(Object) })]);
    expect(objects.has(objectId)).toBe(false);

    // The shopper never tapped "Save": Google has no such object.
    await adjustPoints(db(), owner, { memberId: camper!.id, points: 5, reason: "Test", requestId: `google-camper-${++requestNo}` }, now);
    expect(await googlePassPusher(db(), await due(camper!.id), now)).toEqual({ status: "gone" });
    expect(puts()).toHaveLength(1);
  });

  it("gets a new token once when Google refuses the old one, and waits when Google is busy", async () => {
    const tokensBefore = tokenRequests;
    answerNext = { status: 401, json: googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.") };
    await adjust(1);
    expect(await googlePassPusher(db(), await due(shopperId), now)).toEqual({ status: "pushed" });
    expect(tokenRequests - tokensBefore).toBe(1);
    const [refused, retried] = puts();
    expect(retried!.token).not.toBe(refused!.token);

    answerNext = { status: 503, headers: { "retry-after": "30" }, json: googleError(503, "UNAVAILABLE", "The service is currently unavailable.") };
    const outcome = await googlePassPusher(db(), await due(shopperId), now);
    expect(outcome).toEqual({ status: "retry", retryAt: new Date(now.getTime() + 30_000), error: expect.stringContaining("503") });

    answerNext = { status: 429, json: googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded") };
    const busy = await googlePassPusher(db(), await due(shopperId), now);
    expect(busy).toMatchObject({ status: "retry", error: expect.stringContaining("RESOURCE_EXHAUSTED") });
    expect(problems).toEqual([]);
  });
  it("replaces an erased member's card by an inactive one without their data, and then leaves it be", async () => {
    const email = "google-erase@example.com";
    const [member] = await db().insert(members).values({ email, name: "Erik Muster", pointsBalance: 0 }).returning({ id: members.id });
    await db().insert(coupons).values({
      memberId: member!.id,
      rewardId: "eur5",
      code: "TREUE-GOOGLE-ERASE",
      requestId: "google-erase",
      pointsCost: 500,
      terms: { kind: "amount_off", name: { de: "5 € Rabatt", en: "€5 off" }, valueCents: 500, percentOff: null, sku: null, minOrderCents: null },
      issuedAt: now,
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
    });
    await adjustPoints(db(), owner, { memberId: member!.id, points: 300, reason: "Test", requestId: `google-erase-${++requestNo}` }, now);
    signedIn.memberId = member!.id;
    expect((await save()).status).toBe(303);
    const pass = await passOf(member!.id);
    const objectId = `${ISSUER}.${pass.serial}`;
    expect(JSON.stringify(objects.get(objectId))).toContain("Erik Muster");
    expect(JSON.stringify(objects.get(objectId))).toContain("TREUE-GOOGLE-ERASE");

    await eraseMember(db(), owner, member!.id, email, now);
    expect(await passOf(member!.id)).toMatchObject({ serial: pass.serial });
    seen.length = 0;
    const report = await pushDueWalletPasses(db(), new Date(), { apple: null, google: googlePassPusher });
    expect(report.gone).toBeGreaterThanOrEqual(1);
    expect(puts().filter((p) => p.path.endsWith(objectId))).toHaveLength(1);
    const object = objects.get(objectId)!;
    expect(object).toMatchObject({ id: objectId, classId: CLASS_ID, state: "INACTIVE", loyaltyPoints: { balance: { int: 0 } } });
    for (const field of ["accountId", "accountName", "barcode", "secondaryLoyaltyPoints", "linksModuleData"]) expect(object, field).not.toHaveProperty(field);
    const text = JSON.stringify(object);
    for (const personal of ["Erik", "TREUE-GOOGLE-ERASE", "5 € Rabatt", "300"]) expect(text, personal).not.toContain(personal);
    const settled = await passOf(member!.id);
    expect(settled.goneAt).not.toBeNull();
    expect(settled.pushedAt?.getTime()).toBe(settled.changedAt.getTime());

    // Nothing more is sent for it.
    seen.length = 0;
    await pushDueWalletPasses(db(), new Date(), { apple: null, google: googlePassPusher });
    expect(puts().filter((p) => p.path.endsWith(objectId))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("makes a shopper's save links a limited number of times in a short while, then asks them to wait, in words", async () => {
    const [member] = await db().insert(members).values({ email: "google-limit@example.com", name: "Lea" }).returning({ id: members.id });
    const keys = walletCardLimitKeys(member!.id, "unknown");
    for (let i = 1; i < WALLET_CARD_LIMITS.perMember.limit; i++) await hitRateLimit(db(), keys.member, WALLET_CARD_LIMITS.perMember);
    signedIn.memberId = member!.id;
    expect((await save()).status).toBe(303);
    seen.length = 0;
    const limited = await save();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { detail: string }).detail).toBe(de.errors.walletTooMany);
    // Refused before anything is built or sent to Google.
    expect(seen).toEqual([]);
  });
});
