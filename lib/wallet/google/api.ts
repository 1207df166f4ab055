// Google Wallet's side, as Google documents it:
// - An access token by the OAuth 2.0 JWT-bearer grant (RFC 7523) for a service account
//   (developers.google.com/identity/protocols/oauth2/service-account#httprest): an RS256 JWT with
//   iss = the account's e-mail, scope, aud = the token endpoint, iat and exp (at most an hour
//   later), POSTed form-encoded as grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and
//   assertion=<jwt>; the answer is { access_token, expires_in, token_type }. Kept until a minute
//   before it expires, one request at a time.
// - The Wallet REST API with that bearer token (scope wallet_object.issuer): loyaltyClass GET,
//   insert (POST), patch (PATCH); loyaltyObject insert (POST; 409 when it exists) and update (PUT:
//   the whole object, which is all ours).
// - The "Add to Google Wallet" JWT (developers.google.com/wallet/reference/rest/v1/Jwt): iss = the
//   service account's e-mail, aud "google", typ "savetowallet", iat, origins, payload with
//   loyaltyClasses and loyaltyObjects, signed RS256 with the same key; the link is
//   https://pay.google.com/gp/v/save/<jwt>. An object inserted through the API beforehand is named
//   by its ids alone ({ id, classId }: "save multiple pass types" in Google's loyalty card guide,
//   developers.google.com/wallet/retail/loyalty-cards/use-cases/save-multiple-pass-types, and
//   createJwtExistingObjects in github.com/google-wallet/rest-samples). The reference lists no
//   `exp` claim (only iss, aud, typ, iat, payload, origins), so none is set.
import { SignJWT } from "jose";
import type { LoyaltyClass, LoyaltyObject, LoyaltyObjectReference } from "./loyalty";
import type { GoogleWalletConfig } from "./settings";

export const WALLET_SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer";
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
export const SAVE_URL = "https://pay.google.com/gp/v/save/";

/** A token is renewed this long before Google says it expires. */
const TOKEN_MARGIN_MS = 60_000;
const TIMEOUT_MS = 15_000;

/** Google did not do what was asked: `status` null when it was not reachable at all. */
export class GoogleWalletError extends Error {
  override name = "GoogleWalletError";
  constructor(
    readonly status: number | null,
    message: string,
    /** Seconds Google asked to wait (Retry-After), if it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export type GoogleWalletApi = {
  /** A bearer token for the Wallet API, from the cache while it is fresh. */
  accessToken(): Promise<string>;
  /** Makes the program's class exist with this content (once per content and process). */
  ensureClass(loyaltyClass: LoyaltyClass): Promise<void>;
  /** Replaces the member's object; "not-found" when Google has none (the shopper never saved the card). */
  updateObject(loyaltyObject: LoyaltyObject): Promise<"updated" | "not-found">;
  /** Makes the member's object exist at Google with this content: inserted, or (409, it exists) replaced. */
  insertObject(loyaltyObject: LoyaltyObject): Promise<"inserted" | "updated">;
  /** The signed "savetowallet" JWT for the save link: the class and the object in full, or only the ids of an object already inserted. */
  signSaveJwt(content: { loyaltyClasses?: LoyaltyClass[]; loyaltyObjects: (LoyaltyObject | LoyaltyObjectReference)[] }, origins: string[], now: Date): Promise<string>;
};

type Answer = { status: number; json: unknown; retryAfterSeconds: number | undefined };

function retryAfter(response: Response): number | undefined {
  const value = response.headers.get("retry-after");
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

/** Google's error document ({ error: { code, message, status } }, or the token endpoint's { error, error_description }) in one line. */
function describe(json: unknown): string {
  if (typeof json !== "object" || json === null) return "no details";
  const { error, error_description } = json as { error?: unknown; error_description?: unknown };
  if (typeof error === "string") return typeof error_description === "string" ? `${error}: ${error_description}` : error;
  if (typeof error === "object" && error !== null) {
    const { message, status } = error as { message?: unknown; status?: unknown };
    return [status, message].filter((s) => typeof s === "string").join(": ") || "no details";
  }
  return "no details";
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether Google's class already says what ours says (Google adds fields of its own, such as `kind`, which do not count). */
function classMatches(remote: Partial<LoyaltyClass> & Record<string, unknown>, wanted: LoyaltyClass): boolean {
  const text = (s: { defaultValue?: { value?: string } } | undefined) => s?.defaultValue?.value;
  const translations = (s: { translatedValues?: { language?: string; value?: string }[] } | undefined) => (s?.translatedValues ?? []).map((t) => [t.language, t.value]);
  return (
    remote.programName === wanted.programName &&
    remote.issuerName === wanted.issuerName &&
    String(remote.hexBackgroundColor ?? "").toLowerCase() === wanted.hexBackgroundColor.toLowerCase() &&
    remote.programLogo?.sourceUri?.uri === wanted.programLogo.sourceUri.uri &&
    (["localizedAccountIdLabel", "localizedAccountNameLabel"] as const).every(
      (key) => text(remote[key]) === text(wanted[key]) && same(translations(remote[key]), translations(wanted[key])),
    )
  );
}

export function createGoogleWalletApi(config: GoogleWalletConfig, fetchImpl: typeof fetch = fetch): GoogleWalletApi {
  const { serviceAccount } = config;
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  /** The class content each class id was last made to have, by this process. */
  const ensuredClasses = new Map<string, string>();

  async function request(url: string, init: RequestInit, what: string): Promise<Answer> {
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new GoogleWalletError(null, `${what} not reachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    const json: unknown = await response.json().catch(() => null);
    return { status: response.status, json, retryAfterSeconds: retryAfter(response) };
  }

  async function fetchToken(): Promise<string> {
    // The assertion's times are the real clock's: Google checks them against its own.
    const issuedAt = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: WALLET_SCOPE })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(serviceAccount.privateKeyId ? { kid: serviceAccount.privateKeyId } : {}) })
      .setIssuer(serviceAccount.clientEmail)
      .setAudience(config.tokenUrl)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(serviceAccount.privateKey);
    const answer = await request(
      config.tokenUrl,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }) },
      "Google's token endpoint",
    );
    const body = (answer.json ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (answer.status !== 200 || typeof body.access_token !== "string" || body.access_token === "") {
      throw new GoogleWalletError(answer.status, `Google's token endpoint answered ${answer.status}: ${describe(answer.json)}`, answer.retryAfterSeconds);
    }
    const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600;
    cached = { token: body.access_token, expiresAt: Date.now() + lifetime * 1000 };
    return body.access_token;
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt - TOKEN_MARGIN_MS > Date.now()) return cached.token;
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  }

  /** A Wallet API call with the bearer token; a 401 drops the token and tries once more with a new one. */
  async function call(method: "GET" | "POST" | "PUT" | "PATCH", path: string, body?: unknown): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken();
      const answer = await request(
        `${config.apiBase}/${path}`,
        {
          method,
          headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        "Google Wallet",
      );
      if (answer.status !== 401 || attempt > 0) return answer;
      if (cached?.token === token) cached = null;
    }
  }

  const failure = (answer: Answer, what: string) => new GoogleWalletError(answer.status, `Google Wallet answered ${answer.status} to ${what}: ${describe(answer.json)}`, answer.retryAfterSeconds);
  const ok = (status: number) => status >= 200 && status < 300;

  return {
    accessToken,

    async ensureClass(wanted) {
      const fingerprint = JSON.stringify(wanted);
      if (ensuredClasses.get(wanted.id) === fingerprint) return;
      const path = `loyaltyClass/${encodeURIComponent(wanted.id)}`;
      const found = await call("GET", path);
      if (found.status === 404) {
        const inserted = await call("POST", "loyaltyClass", wanted);
        // 409: another instance made it meanwhile; make sure it says what ours says.
        if (inserted.status === 409) {
          const patched = await call("PATCH", path, wanted);
          if (!ok(patched.status)) throw failure(patched, "the class update");
        } else if (!ok(inserted.status)) throw failure(inserted, "the class insert");
      } else if (ok(found.status)) {
        if (!classMatches((found.json ?? {}) as Partial<LoyaltyClass> & Record<string, unknown>, wanted)) {
          const patched = await call("PATCH", path, wanted);
          if (!ok(patched.status)) throw failure(patched, "the class update");
        }
      } else throw failure(found, "the class lookup");
      ensuredClasses.set(wanted.id, fingerprint);
    },

    async updateObject(object) {
      const answer = await call("PUT", `loyaltyObject/${encodeURIComponent(object.id)}`, object);
      if (answer.status === 404) return "not-found";
      if (!ok(answer.status)) throw failure(answer, "the card update");
      return "updated";
    },

    async insertObject(object) {
      const inserted = await call("POST", "loyaltyObject", object);
      if (ok(inserted.status)) return "inserted";
      if (inserted.status !== 409) throw failure(inserted, "the card insert");
      // It exists (saved before, or made by an earlier link): it gets the current content.
      const updated = await call("PUT", `loyaltyObject/${encodeURIComponent(object.id)}`, object);
      if (!ok(updated.status)) throw failure(updated, "the card update");
      return "updated";
    },

    async signSaveJwt(content, origins, now) {
      return new SignJWT({ typ: "savetowallet", origins, payload: content })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(serviceAccount.privateKeyId ? { kid: serviceAccount.privateKeyId } : {}) })
        .setIssuer(serviceAccount.clientEmail)
        .setAudience("google")
        .setIssuedAt(Math.floor(now.getTime() / 1000))
        .sign(serviceAccount.privateKey);
    },
  };
}

let shared: { config: GoogleWalletConfig; api: GoogleWalletApi } | null = null;

/** The process's one client for this configuration: its token and what it knows of the class are shared by the save links and the pushes. */
export function sharedGoogleWalletApi(config: GoogleWalletConfig): GoogleWalletApi {
  if (shared?.config !== config) shared = { config, api: createGoogleWalletApi(config) };
  return shared.api;
}
