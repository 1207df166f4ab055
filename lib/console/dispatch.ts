import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { currentMember } from "../auth/session";
import { getDb } from "../db";
import { checkViolation } from "../db/pg-errors";
import { programCurrency } from "../db/queries/program";
import { readJson } from "../http/json";
import { problem } from "../shop-api/problem";
import { findConsoleAction } from "./actions";
import { localizedIssues, type Translate as CatalogTranslate } from "../validations/issue-message";
import { appErrorStatus } from "../errors";
import { ConsoleError } from "../errors";
import { can, type Capability } from "../loyalty/roles";
import type { StaffMember } from "./action";

const MAX_BODY = 2 * 1024 * 1024; // a coupon-code CSV of some ten thousand lines fits

type Translate = Awaited<ReturnType<typeof getTranslations>>;

/** The refusal in the staff member's language, from its namespace; the catalogue tests keep every key present. */
async function message(t: Translate, error: ConsoleError): Promise<string> {
  const from = error.namespace === "console.errors" ? t : await getTranslations(error.namespace);
  return (from as unknown as (key: string, values: Record<string, string | number | Date>) => string)(error.key, error.values);
}

/** A refusal as problem+json; one about an input field names it, so the form shows it there. */
async function refusal(t: Translate, error: ConsoleError): Promise<Response> {
  const detail = await message(t, error);
  const title = error.code === "invalid-input" ? t("invalidTitle") : t("refusedTitle");
  return problem(appErrorStatus[error.code], error.code, title, detail, error.pointer === undefined ? undefined : [{ pointer: error.pointer, detail }]);
}

/**
 * Runs one console action for the signed-in staff member. Order matters: who (401), may they
 * (403), is the input sound (400/413), then the work; refusals are problem+json with a message in
 * the staff member's language, and nothing is written unless every check passed.
 */
export async function dispatchConsoleAction(name: string, request: Request): Promise<Response> {
  const t = await getTranslations("console.errors");
  const action = findConsoleAction(name);
  const staff = await currentMember();
  if (!staff) return problem(401, "unauthenticated", t("unauthenticatedTitle"), t("unauthenticated"));
  if (!action || !can(staff.role, action.capability)) {
    // An unknown action and a forbidden one look the same: nothing tells a shopper what exists.
    return problem(403, "forbidden", t("forbiddenTitle"), t("forbidden"));
  }
  const body = await readJson(request, MAX_BODY);
  if (!body.ok) {
    return body.problem === "too-large" ? problem(413, "payload-too-large", t("invalidTitle"), t("tooLarge")) : problem(400, "invalid-json", t("invalidTitle"), t("notJson"));
  }
  const parsed = action.input.safeParse(body.json, { reportInput: true });
  if (!parsed.success) {
    // Every field's message from the catalogs in the staff member's language (the browser shows the same), and a summary.
    // Money limits in the program's currency; before the first-run setup there is none yet.
    const currency = await programCurrency(await getDb()).catch(() => undefined);
    const errors = localizedIssues(parsed.error.issues, (await getTranslations("console")) as unknown as CatalogTranslate, { locale: await getLocale(), currency });
    const count = new Set(errors.map((e) => e.pointer)).size;
    return problem(400, "invalid-input", t("invalidTitle"), (await getTranslations("console.validation"))("summaryCount", { count }), errors);
  }
  try {
    const result = await action.run({ db: await getDb(), staff, now: new Date() }, parsed.data);
    return Response.json({ ok: true, result }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof ConsoleError) {
      return refusal(t, error);
    }
    // The database holds the same field limits as the forms (lib/validations/limits.ts): a write
    // past one that slipped by the schema is refused there, and staff read why instead of a 500.
    if (checkViolation(error) !== null) return refusal(t, new ConsoleError("refused", "outsideLimits"));
    throw error;
  }
}

/**
 * A console read (search as you type, lists that refresh, downloads) or an upload: the same
 * who-and-may checks as actions. A handler may answer with a ready Response; anything else is JSON.
 */
export async function consoleRead(capability: Capability, read: (staff: StaffMember) => Promise<unknown>): Promise<Response> {
  const t = await getTranslations("console.errors");
  const staff = await currentMember();
  if (!staff) return problem(401, "unauthenticated", t("unauthenticatedTitle"), t("unauthenticated"));
  if (!can(staff.role, capability)) return problem(403, "forbidden", t("forbiddenTitle"), t("forbidden"));
  let result: unknown;
  try {
    result = await read(staff);
  } catch (error) {
    if (error instanceof ConsoleError) return refusal(t, error);
    throw error;
  }
  return result instanceof Response ? result : Response.json(result, { headers: { "cache-control": "no-store" } });
}
