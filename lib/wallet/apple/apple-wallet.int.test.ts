// The loyalty card in Apple Wallet, end to end against the app's routes: the signed .pkpass a
// shopper downloads (pass.json, manifest, PKCS #7 signature checked with a certificate chain made
// here), Apple's PassKit web service as a device calls it, and the wallet job telling a local APNs
// (HTTP/2) about a balance change: one request per registered device, a dead token forgotten,
// nothing twice, also with two runs at once.
import { createHash } from "node:crypto";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import de from "../../i18n/messages/de.json";
import { GET as passRoute } from "../../../app/api/wallet/apple/pass/route";
import { DELETE as unregisterRoute, POST as registerRoute } from "../../../app/api/wallet/apple/v1/devices/[deviceLibraryId]/registrations/[passTypeId]/[serial]/route";
import { GET as listRoute } from "../../../app/api/wallet/apple/v1/devices/[deviceLibraryId]/registrations/[passTypeId]/route";
import { POST as logRoute } from "../../../app/api/wallet/apple/v1/log/route";
import { GET as latestRoute } from "../../../app/api/wallet/apple/v1/passes/[passTypeId]/[serial]/route";
import { hitRateLimit } from "../../db/queries/rate-limits";
import { claimDueWalletPasses, ensureWalletPass, settleWalletPush, WALLET_PUSH_LEASE_MS } from "../../db/queries/wallet-passes";
import { DEVICES_PER_PASS, PASSES_PER_DEVICE, registerWalletDevice } from "../../db/queries/wallet-devices";
import { DEMO_SHOPPER, seedDemo } from "../../db/seed-demo";
import { coupons, members, walletDevices, walletPasses } from "../../db/schema";
import { describeEachDatabase, routesUse } from "../../db/test-databases";
import { log } from "../../log";
import { adjustPoints } from "../../server/members";
import { eraseMember } from "../../server/privacy";
import { WALLET_CARD_LIMITS, walletCardLimitKeys } from "../card-limit";
import { pushDueWalletPasses } from "../push-due";
import { closeApnsSessions } from "./apns";
import { passAuthToken } from "./auth-token";
import { APPLE_WALLET_LOGS_PER_MINUTE } from "./route";
import { applePassPusher } from "./pusher";
import { makeTestChain, readZip, startLocalApns, verifyDetachedSignature } from "./test-kit";

const PASS_TYPE = "pass.de.example.treue";
const TEAM = "TEAM123456";
const KEY_ID = "KEY1234567";
const chain = makeTestChain(PASS_TYPE);
/** What the local APNs answers per push token (default 200). */
const apnsAnswers = new Map<string, { status: number; reason?: string }>();
const apns = await startLocalApns(chain.apnsPublicPem, (r) => apnsAnswers.get(r.path.split("/").pop()!) ?? { status: 200 }, 5);

process.env.NEXTAUTH_URL = "https://treue.example";
Object.assign(process.env, {
  TREUE_APPLE_PASS_TYPE_ID: PASS_TYPE,
  TREUE_APPLE_TEAM_ID: TEAM,
  TREUE_APPLE_PASS_CERT: chain.signerCertPem,
  TREUE_APPLE_PASS_KEY: chain.signerKeyPem,
  TREUE_APPLE_WWDR_CERT: chain.wwdrPem,
  TREUE_APPLE_APNS_KEY: chain.apnsKeyPem,
  TREUE_APPLE_APNS_KEY_ID: KEY_ID,
  TREUE_APPLE_APNS_URL: apns.url,
});

const signedIn = vi.hoisted(() => ({ memberId: null as string | null }));
vi.mock("../../auth/session", () => ({ currentMemberId: async () => signedIn.memberId }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "de",
  getTranslations: async (namespace: string) => createTranslator({ locale: "de", messages: de, namespace: namespace as "errors" }),
}));

afterAll(async () => {
  closeApnsSessions();
  await apns.close();
});

const BASE = "https://treue.example/api/wallet/apple";
const pushers = { apple: applePassPusher, google: null };
const staff = { id: null, email: "team@example.com" };
const TOKEN_A = "a".repeat(64);
const TOKEN_B = "b".repeat(64);

type PassJson = {
  passTypeIdentifier: string;
  teamIdentifier: string;
  serialNumber: string;
  authenticationToken: string;
  webServiceURL: string;
  organizationName: string;
  backgroundColor: string;
  storeCard: Record<"headerFields" | "primaryFields" | "secondaryFields" | "auxiliaryFields" | "backFields", { key: string; label?: string; value: string | number }[]>;
  barcodes?: { format: string; message: string; altText?: string }[];
  voided?: boolean;
};

async function unpack(response: Response) {
  const files = readZip(Buffer.from(await response.arrayBuffer()));
  return { files, pass: JSON.parse(files.get("pass.json")!.toString("utf8")) as PassJson };
}

const registration = (device: string, serial: string, token: string | null, body: string, passType = PASS_TYPE) => [
  new Request(`${BASE}/v1/devices/${device}/registrations/${passType}/${serial}`, { method: "POST", body, headers: { "content-type": "application/json", ...(token ? { authorization: `ApplePass ${token}` } : {}) } }),
  { params: Promise.resolve({ deviceLibraryId: device, passTypeId: passType, serial }) },
] as const;

const latest = (serial: string, token: string, ifModifiedSince?: string) =>
  latestRoute(new Request(`${BASE}/v1/passes/${PASS_TYPE}/${serial}`, { headers: { authorization: `ApplePass ${token}`, ...(ifModifiedSince ? { "if-modified-since": ifModifiedSince } : {}) } }), {
    params: Promise.resolve({ passTypeId: PASS_TYPE, serial }),
  });

const list = (device: string, since?: string) =>
  listRoute(new Request(`${BASE}/v1/devices/${device}/registrations/${PASS_TYPE}${since ? `?passesUpdatedSince=${since}` : ""}`), { params: Promise.resolve({ deviceLibraryId: device, passTypeId: PASS_TYPE }) });

describeEachDatabase("Apple Wallet", (db) => {
  let anna: { id: string; balance: number };
  let serial = "";
  let token = "";

  beforeAll(async () => {
    await seedDemo(db(), new Date());
    routesUse(db());
    const [row] = await db().select({ id: members.id, balance: members.pointsBalance }).from(members).where(eq(members.email, DEMO_SHOPPER.email));
    anna = row!;
    // A coupon she can still use, for the back of the card.
    await db().insert(coupons).values({
      memberId: anna.id,
      rewardId: "eur5",
      code: "TREUE-WALLET-5EUR",
      requestId: "wallet-test",
      pointsCost: 500,
      terms: { kind: "amount_off", name: { de: "5 € Rabatt", en: "€5 off" }, valueCents: 500, percentOff: null, sku: null, minOrderCents: null },
      issuedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });
  });

  it("hands the signed-in shopper a signed store card: pass.json, a manifest of every file and a signature by the pass certificate", async () => {
    signedIn.memberId = null;
    expect((await passRoute(new Request(`${BASE}/pass`))).status).toBe(401);

    signedIn.memberId = anna.id;
    const response = await passRoute(new Request(`${BASE}/pass`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.apple.pkpass");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.pkpass"$/);
    const { files, pass } = await unpack(response);
    const [row] = await db().select().from(walletPasses).where(eq(walletPasses.memberId, anna.id));
    const [member] = await db().select({ number: members.memberNumber }).from(members).where(eq(members.id, anna.id));
    serial = row!.serial;
    token = pass.authenticationToken;

    expect(pass).toMatchObject({ passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM, serialNumber: serial, webServiceURL: `${BASE}`, organizationName: "Gipfelglück Outdoor" });
    expect(pass.authenticationToken.length).toBeGreaterThanOrEqual(16);
    expect(pass.backgroundColor).toMatch(/^rgb\(\d+, \d+, \d+\)$/);
    expect(pass.storeCard.primaryFields).toEqual([expect.objectContaining({ key: "balance", label: "Punkte", value: anna.balance })]);
    expect(pass.storeCard.auxiliaryFields).toContainEqual(expect.objectContaining({ key: "memberNumber", value: `${member!.number!.slice(0, 4)} ${member!.number!.slice(4, 8)} ${member!.number!.slice(8)}` }));
    expect(pass.storeCard.backFields).toContainEqual(expect.objectContaining({ label: "5 € Rabatt", value: expect.stringMatching(/^TREUE-WALLET-5EUR · gültig bis /) }));
    expect(pass.storeCard.backFields).toContainEqual(expect.objectContaining({ key: "app", value: expect.stringContaining("https://treue.example") }));
    expect(pass.voided).toBeUndefined();
    expect(pass.barcodes!.map((b) => [b.format, b.message])).toEqual([
      ["PKBarcodeFormatQR", member!.number],
      ["PKBarcodeFormatCode128", member!.number],
    ]);
    expect(files.has("icon.png") && files.has("logo@2x.png")).toBe(true);

    // The manifest names every other file with its SHA-1, and nothing else.
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as Record<string, string>;
    const listed = [...files.keys()].filter((name) => name !== "manifest.json" && name !== "signature").sort();
    expect(Object.keys(manifest).sort()).toEqual(listed);
    for (const name of listed) expect(manifest[name], name).toBe(createHash("sha1").update(files.get(name)!).digest("hex"));

    // A detached PKCS #7 signature over manifest.json by the pass certificate, issued by the WWDR certificate.
    const check = verifyDetachedSignature(files.get("signature")!, files.get("manifest.json")!, chain.wwdrPem);
    expect(check).toMatchObject({ detached: true, signingTime: true, signedBy: `CN=Pass Type ID: ${PASS_TYPE}` });
    // The check can fail: another manifest, or another chain, does not verify.
    expect(() => verifyDetachedSignature(files.get("signature")!, Buffer.from("{}"), chain.wwdrPem)).toThrow(/digest/);
    expect(() => verifyDetachedSignature(files.get("signature")!, files.get("manifest.json")!, makeTestChain(PASS_TYPE).wwdrPem)).toThrow(/WWDR/);

    // The same card on a second download.
    const again = await unpack(await passRoute(new Request(`${BASE}/pass`)));
    expect(again.pass.serialNumber).toBe(serial);
  });

  it("answers the PassKit web service: registration, serials since a tag, the newest pass or 304, the log, unregistration, 401 for a wrong token", async () => {
    expect((await registerRoute(...registration("device-1", serial, token, JSON.stringify({ pushToken: TOKEN_A })))).status).toBe(201);
    expect((await registerRoute(...registration("device-1", serial, token, JSON.stringify({ pushToken: TOKEN_A })))).status).toBe(200);
    expect((await registerRoute(...registration("device-2", serial, "x".repeat(43), JSON.stringify({ pushToken: TOKEN_A })))).status).toBe(401);
    expect((await registerRoute(...registration("device-2", serial, null, JSON.stringify({ pushToken: TOKEN_A })))).status).toBe(401);
    expect((await registerRoute(...registration("device-2", "no-such-serial", token, JSON.stringify({ pushToken: TOKEN_A })))).status).toBe(401);
    expect((await registerRoute(...registration("device-2", serial, token, JSON.stringify({ pushToken: TOKEN_A }), "pass.other.type"))).status).toBe(401);
    expect((await registerRoute(...registration("device-2", serial, token, "{not json"))).status).toBe(400);
    expect((await registerRoute(...registration("device-2", serial, token, JSON.stringify({ token: "x" })))).status).toBe(400);
    expect(await db().select().from(walletDevices)).toEqual([expect.objectContaining({ deviceLibraryId: "device-1", serial, pushToken: TOKEN_A })]);

    const first = await list("device-1");
    expect(first.status).toBe(200);
    const { serialNumbers, lastUpdated } = (await first.json()) as { serialNumbers: string[]; lastUpdated: string };
    expect(serialNumbers).toEqual([serial]);
    expect(lastUpdated).toMatch(/^\d+$/);
    // Changed just now (the registration made it due): the tag stays a minute behind, so it is listed again.
    const again = await list("device-1", lastUpdated);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { serialNumbers: string[] }).serialNumbers).toEqual([serial]);
    expect((await list("unknown-device")).status).toBe(204);

    // Unchanged for a while (past Last-Modified's margin): the device's copy is current, and its tag too.
    await db().update(walletPasses).set({ changedAt: sql`${walletPasses.changedAt} - interval '2 minutes'` }).where(eq(walletPasses.serial, serial));
    const settled = ((await (await list("device-1")).json()) as { lastUpdated: string }).lastUpdated;
    expect((await list("device-1", settled)).status).toBe(204);
    const current = await latest(serial, token);
    expect(current.status).toBe(200);
    expect(current.headers.get("content-type")).toBe("application/vnd.apple.pkpass");
    const lastModified = current.headers.get("last-modified")!;
    expect((await latest(serial, token, lastModified)).status).toBe(304);
    expect((await latest(serial, "x".repeat(43), lastModified)).status).toBe(401);
    expect((await latest("no-such-serial", token)).status).toBe(401);

    // A balance change: the serial is listed again since the old tag, and the pass is newer.
    await adjustPoints(db(), staff, { memberId: anna.id, points: 50, reason: "Kulanz", requestId: "wallet-web-1" });
    const changed = await list("device-1", lastUpdated);
    expect(changed.status).toBe(200);
    const next = (await changed.json()) as { serialNumbers: string[]; lastUpdated: string };
    expect(next.serialNumbers).toEqual([serial]);
    expect(BigInt(next.lastUpdated)).toBeGreaterThan(BigInt(lastUpdated));
    const newer = await latest(serial, token, lastModified);
    expect(newer.status).toBe(200);
    expect((await unpack(newer)).pass.storeCard.primaryFields[0]!.value).toBe(anna.balance + 50);

    const logs = await logRoute(new Request(`${BASE}/v1/log`, { method: "POST", body: JSON.stringify({ logs: ["Web service error for pass.de.example.treue"] }) }));
    expect(logs.status).toBe(200);
    expect((await logRoute(new Request(`${BASE}/v1/log`, { method: "POST", body: "[" }))).status).toBe(400);

    const unregister = (authorization: string) =>
      unregisterRoute(new Request(`${BASE}/v1/devices/device-1/registrations/${PASS_TYPE}/${serial}`, { method: "DELETE", headers: { authorization } }), {
        params: Promise.resolve({ deviceLibraryId: "device-1", passTypeId: PASS_TYPE, serial }),
      });
    expect((await unregister(`ApplePass ${"x".repeat(43)}`)).status).toBe(401);
    expect(await db().select().from(walletDevices)).toHaveLength(1);
    expect((await unregister(`ApplePass ${token}`)).status).toBe(200);
    expect(await db().select().from(walletDevices)).toEqual([]);
  });

  it("tells APNs once per registered device after a balance change, forgets a device APNs calls gone, and sends nothing twice", async () => {
    apnsAnswers.clear();
    for (const [device, pushToken] of [["device-a", TOKEN_A], ["device-b", TOKEN_B]] as const) {
      expect((await registerRoute(...registration(device, serial, token, JSON.stringify({ pushToken })))).status).toBe(201);
    }
    await pushDueWalletPasses(db(), new Date(), pushers);
    apns.requests.length = 0;

    // Three changes before the job runs: one push per device.
    for (const i of [1, 2, 3]) await adjustPoints(db(), staff, { memberId: anna.id, points: 10, reason: "Kulanz", requestId: `wallet-push-${i}` });
    const report = await pushDueWalletPasses(db(), new Date(), pushers);
    expect(report).toMatchObject({ pushed: 1, retrying: 0 });
    expect(apns.requests.map((r) => r.path).sort()).toEqual([`/3/device/${TOKEN_A}`, `/3/device/${TOKEN_B}`]);
    for (const request of apns.requests) {
      expect(request.jwtError).toBeNull();
      expect(request.jwt).toMatchObject({ kid: KEY_ID, iss: TEAM });
      expect(request.headers).toMatchObject({ ":method": "POST", "apns-topic": PASS_TYPE, "apns-push-type": "background", "apns-priority": "5" });
      expect(JSON.parse(request.body)).toEqual({});
    }
    const [pushed] = await db().select().from(walletPasses).where(eq(walletPasses.serial, serial));
    expect(pushed!.pushedAt?.getTime()).toBe(pushed!.changedAt.getTime());

    expect(await pushDueWalletPasses(db(), new Date(), pushers)).toMatchObject({ pushed: 0 });
    expect(apns.requests).toHaveLength(2);

    // Device B's token is dead: APNs answers 410, and its registration goes.
    apnsAnswers.set(TOKEN_B, { status: 410, reason: "Unregistered" });
    await adjustPoints(db(), staff, { memberId: anna.id, points: 10, reason: "Kulanz", requestId: "wallet-push-4" });
    await pushDueWalletPasses(db(), new Date(), pushers);
    expect(apns.requests).toHaveLength(4);
    expect((await db().select().from(walletDevices)).map((d) => d.deviceLibraryId)).toEqual(["device-a"]);
    await pushDueWalletPasses(db(), new Date(), pushers);
    expect(apns.requests).toHaveLength(4);

    // APNs busy: the card stays due for a later run.
    apnsAnswers.set(TOKEN_A, { status: 503, reason: "ServiceUnavailable" });
    await adjustPoints(db(), staff, { memberId: anna.id, points: 10, reason: "Kulanz", requestId: "wallet-push-5" });
    expect(await pushDueWalletPasses(db(), new Date(), pushers)).toMatchObject({ retrying: 1, pushed: 0 });
    apnsAnswers.delete(TOKEN_A);
    expect(await pushDueWalletPasses(db(), new Date(Date.now() + 2 * 60_000), pushers)).toMatchObject({ pushed: 1 });
    expect(apns.requests).toHaveLength(6);
  });

  it("pushes each change once when two runs work at the same time", async () => {
    const cards: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [member] = await db().insert(members).values({ email: `wallet-${i}@example.com`, name: `Wallet ${i}` }).returning({ id: members.id });
      const pass = await ensureWalletPass(db(), member!.id, "apple");
      await registerWalletDevice(db(), `device-${i}`, pass.serial, `${i.toString(16).padStart(2, "0")}${"c".repeat(62)}`);
      cards.push(member!.id);
    }
    await pushDueWalletPasses(db(), new Date(), pushers);
    const before = apns.requests.length;
    for (const [i, memberId] of cards.entries()) await adjustPoints(db(), staff, { memberId, points: 5, reason: "Willkommen", requestId: `wallet-pair-${i}` });

    const [one, two] = await Promise.all([pushDueWalletPasses(db(), new Date(), pushers), pushDueWalletPasses(db(), new Date(), pushers)]);
    expect(one.pushed + two.pushed).toBe(12);
    const sent = apns.requests.slice(before).map((r) => r.path);
    expect(sent).toHaveLength(12);
    expect(new Set(sent).size).toBe(12);
  });

  it("marks the card changed when the balance, the tier, the name or a coupon changes, not for other edits", async () => {
    const version = async () => (await db().select({ at: walletPasses.changedAt }).from(walletPasses).where(eq(walletPasses.serial, serial)))[0]!.at.getTime();
    const settle = () => db().update(walletPasses).set({ changedAt: sql`now() - interval '1 hour'` }).where(eq(walletPasses.serial, serial));
    const changedBy = async (change: () => Promise<unknown>) => {
      await settle();
      const before = await version();
      await change();
      return (await version()) > before;
    };
    expect(await changedBy(() => adjustPoints(db(), staff, { memberId: anna.id, points: 1, reason: "Test", requestId: "wallet-trigger-1" }))).toBe(true);
    const [member] = await db().select({ tierId: members.tierId }).from(members).where(eq(members.id, anna.id));
    expect(await changedBy(() => db().update(members).set({ tierId: member!.tierId === "gold" ? "silber" : "gold" }).where(eq(members.id, anna.id)))).toBe(true);
    expect(await changedBy(() => db().update(members).set({ name: "Anna B." }).where(eq(members.id, anna.id)))).toBe(true);
    expect(await changedBy(() => db().update(coupons).set({ usedAt: new Date() }).where(and(eq(coupons.memberId, anna.id), eq(coupons.code, "TREUE-WALLET-5EUR"))))).toBe(true);
    expect(await changedBy(() => db().update(members).set({ locale: "en" }).where(eq(members.id, anna.id)))).toBe(false);
    expect(await changedBy(() => db().update(members).set({ pointsBalance: sql`${members.pointsBalance}` }).where(eq(members.id, anna.id)))).toBe(false);
  });
  /** A member of their own with an Apple card (not yet pushed), for the tests that follow. */
  const cardHolder = async (email: string, name: string | null = null) => {
    const [member] = await db().insert(members).values({ email, name }).returning({ id: members.id });
    const pass = await ensureWalletPass(db(), member!.id, "apple");
    return { memberId: member!.id, serial: pass.serial };
  };
  const changedAt = async (serial: string) => (await db().select({ at: walletPasses.changedAt }).from(walletPasses).where(eq(walletPasses.serial, serial)))[0]!.at.getTime();
  const rows = async <T,>(query: SQL) => ((await db().execute(query)) as unknown as { rows: T[] }).rows as [T, ...T[]];
  const pushToken = (prefix: string, i: number) => `${prefix}${i.toString(16).padStart(2, "0")}${"e".repeat(60)}`;

  it("keeps ten devices per card and twenty cards per device, dropping the oldest registration", async () => {
    const card = await cardHolder("wallet-cap@example.com");
    for (let i = 0; i <= DEVICES_PER_PASS; i++) expect(await registerWalletDevice(db(), `cap-device-${i}`, card.serial, pushToken("ca", i))).toBe("created");
    const onCard = (await db().select().from(walletDevices).where(eq(walletDevices.serial, card.serial))).map((d) => d.deviceLibraryId).sort();
    expect(onCard).toHaveLength(DEVICES_PER_PASS);
    expect(onCard).not.toContain("cap-device-0");
    expect(onCard).toContain(`cap-device-${DEVICES_PER_PASS}`);

    const serials: string[] = [];
    for (let i = 0; i <= PASSES_PER_DEVICE; i++) {
      const other = await cardHolder(`wallet-cap-${i}@example.com`);
      serials.push(other.serial);
      expect(await registerWalletDevice(db(), "one-phone", other.serial, pushToken("cb", 0))).toBe("created");
    }
    const held = (await db().select().from(walletDevices).where(eq(walletDevices.deviceLibraryId, "one-phone"))).map((d) => d.serial);
    expect(held).toHaveLength(PASSES_PER_DEVICE);
    expect(held).not.toContain(serials[0]);
    expect(held).toContain(serials[PASSES_PER_DEVICE]);
  });

  it("marks the card due for a new registration or a new push token, not for the same registration again", async () => {
    const card = await cardHolder("wallet-again@example.com");
    const settle = () => db().update(walletPasses).set({ changedAt: sql`now() - interval '1 hour'`, pushedAt: sql`now() - interval '1 hour'` }).where(eq(walletPasses.serial, card.serial));
    await settle();
    let before = await changedAt(card.serial);
    expect(await registerWalletDevice(db(), "again-1", card.serial, pushToken("da", 1))).toBe("created");
    expect(await changedAt(card.serial)).toBeGreaterThan(before);

    await settle();
    before = await changedAt(card.serial);
    expect(await registerWalletDevice(db(), "again-1", card.serial, pushToken("da", 1))).toBe("existing");
    expect(await changedAt(card.serial)).toBe(before);

    expect(await registerWalletDevice(db(), "again-1", card.serial, pushToken("da", 2))).toBe("existing");
    expect(await changedAt(card.serial)).toBeGreaterThan(before);
    expect((await db().select().from(walletDevices).where(eq(walletDevices.deviceLibraryId, "again-1")))[0]!.pushToken).toBe(pushToken("da", 2));
  });

  it("lists a change committed after the tag it was stamped before: the tag stays a minute behind the database's clock", async () => {
    // One phone holds the cards of two members (a family's), both unchanged for an hour.
    const first = await cardHolder("wallet-late-1@example.com");
    const second = await cardHolder("wallet-late-2@example.com");
    for (const card of [first, second]) expect(await registerWalletDevice(db(), "family-phone", card.serial, pushToken("fa", 0))).toBe("created");
    await db().update(walletPasses).set({ changedAt: sql`now() - interval '1 hour'` }).where(inArray(walletPasses.serial, [first.serial, second.serial]));
    const before = ((await (await list("family-phone")).json()) as { lastUpdated: string }).lastUpdated;
    expect((await list("family-phone", before)).status).toBe(204);

    // Two changes: the first card's transaction stamps its change first but has not committed when
    // the phone asks; the second's, stamped after it, has.
    await db().update(walletPasses).set({ changedAt: sql`clock_timestamp() - interval '1 second'` }).where(eq(walletPasses.serial, second.serial));
    const asked = await list("family-phone", before);
    expect(asked.status).toBe(200);
    const answer = (await asked.json()) as { serialNumbers: string[]; lastUpdated: string };
    expect(answer.serialNumbers).toEqual([second.serial]);
    const [secondVersion] = await rows<{ version: string }>(sql`select ((extract(epoch from changed_at) * 1000000)::bigint)::text as version from wallet_passes where serial = ${second.serial}`);
    expect(BigInt(answer.lastUpdated)).toBeLessThan(BigInt(secondVersion.version));

    // The first change commits now, stamped just before the second: the next question still lists it.
    await db()
      .update(walletPasses)
      .set({ changedAt: sql`(select changed_at from wallet_passes where serial = ${second.serial}) - interval '1 millisecond'` })
      .where(eq(walletPasses.serial, first.serial));
    const next = await list("family-phone", answer.lastUpdated);
    expect(next.status).toBe(200);
    expect(((await next.json()) as { serialNumbers: string[] }).serialNumbers).toContain(first.serial);

    // Once both changes are older than the margin, the tag is the newest change's and nothing is listed again.
    await db().update(walletPasses).set({ changedAt: sql`${walletPasses.changedAt} - interval '2 minutes'` }).where(inArray(walletPasses.serial, [first.serial, second.serial]));
    const settled = (await (await list("family-phone", before)).json()) as { serialNumbers: string[]; lastUpdated: string };
    expect([...settled.serialNumbers].sort()).toEqual([first.serial, second.serial].sort());
    expect((await list("family-phone", settled.lastUpdated)).status).toBe(204);
  });

  it("forgets a token APNs calls not for this topic, and after a partial failure pushes again only the device that missed it", async () => {
    apnsAnswers.clear();
    const card = await cardHolder("wallet-partial@example.com", "Paula");
    const [ok, busy, wrongTopic, unregistered] = [pushToken("fa", 1), pushToken("fa", 2), pushToken("fa", 3), pushToken("fa", 4)];
    for (const [i, token] of [ok, busy, wrongTopic, unregistered].entries()) await registerWalletDevice(db(), `partial-${i}`, card.serial, token);
    apnsAnswers.set(busy, { status: 503, reason: "ServiceUnavailable" });
    apnsAnswers.set(wrongTopic, { status: 400, reason: "DeviceTokenNotForTopic" });
    apnsAnswers.set(unregistered, { status: 410, reason: "Unregistered" });
    // Pushes to each token since this test began (the other database's run used the same tokens).
    const already = new Map([ok, busy, wrongTopic, unregistered].map((t) => [t, apns.requests.filter((r) => r.path === `/3/device/${t}`).length]));
    const sentTo = (token: string) => apns.requests.filter((r) => r.path === `/3/device/${token}`).length - already.get(token)!;

    expect(await pushDueWalletPasses(db(), new Date(), pushers)).toMatchObject({ retrying: 1 });
    expect([ok, busy, wrongTopic, unregistered].map(sentTo)).toEqual([1, 1, 1, 1]);
    // Neither dead token comes back: no retry for them, ever.
    expect((await db().select().from(walletDevices).where(eq(walletDevices.serial, card.serial))).map((d) => d.pushToken).sort()).toEqual([ok, busy].sort());

    apnsAnswers.delete(busy);
    expect(await pushDueWalletPasses(db(), new Date(Date.now() + 2 * 60_000), pushers)).toMatchObject({ retrying: 0 });
    expect([ok, busy, wrongTopic, unregistered].map(sentTo)).toEqual([1, 2, 1, 1]);
    const [row] = await db().select().from(walletPasses).where(eq(walletPasses.serial, card.serial));
    expect(row!.pushedAt?.getTime()).toBe(row!.changedAt.getTime());
    expect(row!.lockedUntil).toBeNull();
  });

  it("leases a card from the database's clock, and a worker that lost its lease writes nothing", async () => {
    const card = await cardHolder("wallet-lease@example.com");
    // An old `now`, as a long run has by its last batch: the lease must still be five minutes from the clock.
    const claimed = await claimDueWalletPasses(db(), new Date(Date.now() - 60 * 60_000), ["apple"], 500);
    const mine = claimed.find((c) => c.serial === card.serial)!;
    expect(mine).toBeDefined();
    await db().update(walletPasses).set({ lockedUntil: null }).where(sql`${walletPasses.serial} <> ${card.serial}`);
    const [{ ahead }] = await rows<{ ahead: string }>(sql`select extract(epoch from locked_until - clock_timestamp()) * 1000 as ahead from wallet_passes where serial = ${card.serial}`);
    expect(Number(ahead)).toBeGreaterThan(WALLET_PUSH_LEASE_MS - 30_000);
    expect(BigInt(mine.lease)).toBeGreaterThan(BigInt(mine.version));

    // The lease ran out and another worker took the card: its lease is not ours.
    await db().update(walletPasses).set({ lockedUntil: sql`${walletPasses.lockedUntil} + interval '1 microsecond'` }).where(eq(walletPasses.serial, card.serial));
    const [taken] = await db().select().from(walletPasses).where(eq(walletPasses.serial, card.serial));
    expect(await settleWalletPush(db(), mine.id, mine, "pushed", new Date())).toBe("lease-lost");
    expect(await settleWalletPush(db(), mine.id, mine, "gone", new Date())).toBe("lease-lost");
    expect(await settleWalletPush(db(), mine.id, mine, { retryAt: new Date(Date.now() + 60_000) }, new Date())).toBe("lease-lost");
    const [after] = await db().select().from(walletPasses).where(eq(walletPasses.serial, card.serial));
    expect(after).toEqual(taken);
    expect(after!.pushedAt).toBeNull();

    // With the lease it holds, the worker settles.
    const [current] = await rows<{ lease: string }>(sql`select ((extract(epoch from locked_until) * 1000000)::bigint)::text as lease from wallet_passes where serial = ${card.serial}`);
    expect(await settleWalletPush(db(), mine.id, { version: mine.version, lease: current!.lease }, "pushed", new Date())).toBe("settled");
    const [settled] = await db().select().from(walletPasses).where(eq(walletPasses.serial, card.serial));
    expect(settled!.pushedAt?.getTime()).toBe(settled!.changedAt.getTime());
    expect(settled!.lockedUntil).toBeNull();
  });

  it("takes ten log messages of 500 characters per request, and no more than its own limit of requests", async () => {
    const warned: unknown[] = [];
    const spy = vi.spyOn(log, "warn").mockImplementation(((fields: unknown) => void warned.push(fields)) as typeof log.warn);
    try {
      const logs = Array.from({ length: 12 }, (_, i) => `${i}`.padEnd(600, "x"));
      const post = () => logRoute(new Request(`${BASE}/v1/log`, { method: "POST", body: JSON.stringify({ logs }), headers: { "x-forwarded-for": "203.0.113.77" } }));
      expect((await post()).status).toBe(200);
      const messages = warned.map((w) => (w as { message: string }).message);
      expect(messages).toHaveLength(10);
      expect(messages.every((m) => m.length === 500)).toBe(true);
      expect(messages[9]!.startsWith("9")).toBe(true);
      for (let i = 1; i < APPLE_WALLET_LOGS_PER_MINUTE; i++) expect((await post()).status).toBe(200);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(warned).toHaveLength(10 * APPLE_WALLET_LOGS_PER_MINUTE);
    } finally {
      spy.mockRestore();
    }
  });

  it("hands a shopper their pass a limited number of times in a short while, then asks them to wait, in words", async () => {
    const card = await cardHolder("wallet-limit@example.com", "Lina");
    const keys = walletCardLimitKeys(card.memberId, "unknown");
    for (let i = 1; i < WALLET_CARD_LIMITS.perMember.limit; i++) await hitRateLimit(db(), keys.member, WALLET_CARD_LIMITS.perMember);
    signedIn.memberId = card.memberId;
    expect((await passRoute(new Request(`${BASE}/pass`))).status).toBe(200);
    const limited = await passRoute(new Request(`${BASE}/pass`));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { detail: string }).detail).toBe(de.errors.walletTooMany);
  });

  it("keeps an erased member's card and tells its devices: the pass they fetch is voided and holds nothing of the member", async () => {
    apnsAnswers.clear();
    const email = "wallet-erase@example.com";
    const card = await cardHolder(email, "Erika Muster");
    await db().insert(coupons).values({
      memberId: card.memberId,
      rewardId: "eur5",
      code: "TREUE-ERASE-5EUR",
      requestId: "wallet-erase",
      pointsCost: 500,
      terms: { kind: "amount_off", name: { de: "5 € Rabatt", en: "€5 off" }, valueCents: 500, percentOff: null, sku: null, minOrderCents: null },
      issuedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const device = pushToken("ea", 1);
    await registerWalletDevice(db(), "erase-phone", card.serial, device);
    const authToken = await passAuthToken(db(), card.serial);
    const before = await unpack(await latest(card.serial, authToken));
    const number = before.pass.barcodes![0]!.message;
    expect(JSON.stringify(before.pass)).toContain("Erika Muster");
    expect(JSON.stringify(before.pass)).toContain("TREUE-ERASE-5EUR");
    await pushDueWalletPasses(db(), new Date(), pushers);
    const sentBefore = apns.requests.filter((r) => r.path === `/3/device/${device}`).length;

    await eraseMember(db(), staff, card.memberId, email);
    // The card and its device stay, marked changed: the job tells the device.
    expect(await db().select().from(walletDevices).where(eq(walletDevices.serial, card.serial))).toHaveLength(1);
    await pushDueWalletPasses(db(), new Date(), pushers);
    expect(apns.requests.filter((r) => r.path === `/3/device/${device}`)).toHaveLength(sentBefore + 1);

    // The device asks what changed and fetches the pass: voided, the shop's name, nothing of Erika.
    const changed = (await (await list("erase-phone")).json()) as { serialNumbers: string[] };
    expect(changed.serialNumbers).toEqual([card.serial]);
    const fetched = await latest(card.serial, authToken);
    expect(fetched.status).toBe(200);
    const { pass } = await unpack(fetched);
    expect(pass).toMatchObject({ voided: true, serialNumber: card.serial, organizationName: "Gipfelglück Outdoor", authenticationToken: authToken });
    expect(pass.barcodes ?? []).toEqual([]);
    const text = JSON.stringify(pass);
    for (const personal of ["Erika", number, `${number.slice(0, 4)} ${number.slice(4, 8)}`, "TREUE-ERASE-5EUR", "5 € Rabatt"]) expect(text, personal).not.toContain(personal);
    expect(pass.storeCard.secondaryFields).toEqual([expect.objectContaining({ value: de.walletPass.voidedValue })]);
    expect(pass.storeCard.primaryFields ?? []).toEqual([]);
  });
});
