// Every message a person reads about a form field, in the page's language: zod's issues mapped to
// the console's catalog ("console.validation"), never zod's own English or German text. The
// browser (before sending) and the server (app/api/console/[action]) both speak through here, so a
// field says the same thing either way.
import { formatMoney } from "../i18n/money";

/** The console catalog's translate function (next-intl's `t` of the "console" namespace). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;
export type FieldError = { pointer: string; detail: string };

/** How a schema names its own message: a catalog key under "console", with values for its placeholders. */
const KEY_PREFIX = "i18n:";
export function msg(key: string, values?: Record<string, string | number>): string {
  return `${KEY_PREFIX}${key}${values ? JSON.stringify(values) : ""}`;
}

/** The parts of a zod issue this reads (zod 4's issue shape; `input` only with `reportInput`). */
export type IssueLike = {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  expected?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  divisor?: number;
  input?: unknown;
  params?: Record<string, unknown>;
};

type Unit = "money" | "milliCents" | "points" | "days" | "months" | "percent" | "plain";

/** A field's unit from its name, by the schemas' own naming: …Cents is money, …Days days, points…/…Points points. */
export function unitOf(path: PropertyKey[]): Unit {
  const name = [...path].reverse().find((p): p is string => typeof p === "string") ?? "";
  if (/MilliCents$/.test(name)) return "milliCents";
  if (/Cents$/.test(name)) return "money";
  if (/percent/i.test(name)) return "percent";
  if (/Days$|^days$/.test(name)) return "days";
  if (/Months$/.test(name)) return "months";
  if (/points/i.test(name)) return "points";
  return "plain";
}

export type IssueFormat = { locale: string; currency?: string | undefined };

function amount(n: number, unit: Unit, t: Translate, { locale, currency }: IssueFormat): string {
  if (unit === "money") {
    if (currency) return formatMoney(locale, n, currency);
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n / 100);
  }
  if (unit === "plain") return new Intl.NumberFormat(locale).format(n);
  // Typed in cents (a point's value), kept in hundredths of a cent.
  if (unit === "milliCents") return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n / 100);
  return t(`validation.units.${unit}`, { count: n });
}

function fromKey(message: string, issue: IssueLike, t: Translate, format: IssueFormat): string | null {
  if (!message.startsWith(KEY_PREFIX)) return null;
  const rest = message.slice(KEY_PREFIX.length);
  const brace = rest.indexOf("{");
  const key = brace < 0 ? rest : rest.slice(0, brace);
  const given = brace < 0 ? {} : (JSON.parse(rest.slice(brace)) as Record<string, string | number>);
  const unit = unitOf(issue.path);
  const values: Record<string, string | number> = {};
  if (issue.minimum !== undefined) values.min = amount(Number(issue.minimum), unit, t, format);
  if (issue.maximum !== undefined) values.max = amount(Number(issue.maximum), unit, t, format);
  // A value named …Cents is money: shown formatted, under its name without the suffix.
  for (const [name, value] of Object.entries(given)) {
    if (name.endsWith("Cents") && typeof value === "number") values[name.slice(0, -"Cents".length)] = amount(value, "money", t, format);
    else values[name] = typeof value === "number" ? new Intl.NumberFormat(format.locale).format(value) : value;
  }
  return t(key, values);
}

const SAFE = Number.MAX_SAFE_INTEGER;
const missing = (input: unknown) => input === undefined || input === null || input === "";

/** One issue as a sentence in the page's language. */
export function issueMessage(issue: IssueLike, t: Translate, format: IssueFormat): string {
  const own = fromKey(issue.message, issue, t, format);
  if (own !== null) return own;
  const unit = unitOf(issue.path);
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "int") {
        if ("input" in issue && missing(issue.input)) return t("validation.required");
        return t(issue.expected === "int" ? "validation.wholeNumber" : "validation.number");
      }
      if (issue.expected === "array" && (!("input" in issue) || missing(issue.input))) return t("validation.listRequired");
      if (issue.expected === "string" || !("input" in issue) || missing(issue.input)) return t("validation.required");
      return t("validation.invalid");
    case "too_small":
      if (issue.origin === "string") return min <= 1 ? t("validation.required") : t("validation.textTooShort", { min });
      if (issue.origin === "array" || issue.origin === "set") return min <= 1 ? t("validation.listRequired") : t("validation.listTooShort", { min });
      if (issue.origin === "date") return t("validation.invalid");
      if (Math.abs(min) >= SAFE) return t("validation.tooSmallNumber");
      return t(issue.inclusive === false ? "validation.moreThan" : "validation.atLeast", { min: amount(min, unit, t, format) });
    case "too_big":
      if (issue.origin === "string") return t("validation.textTooLong", { max });
      if (issue.origin === "array" || issue.origin === "set") return t("validation.listTooLong", { max });
      if (issue.origin === "date") return t("validation.invalid");
      if (max >= SAFE) return t("validation.tooBigNumber");
      return t(issue.inclusive === false ? "validation.lessThan" : "validation.atMost", { max: amount(max, unit, t, format) });
    case "invalid_format":
      switch (issue.format) {
        case "email":
          return t("validation.email");
        case "url":
          return t("validation.url");
        case "datetime":
          return t("validation.datetime");
        case "date":
          return t("validation.date");
        default:
          return t("validation.invalid");
      }
    case "invalid_value":
      return t("validation.chooseOne");
    case "not_multiple_of":
      return issue.divisor === 1 ? t("validation.wholeNumber") : t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

/** An integer's range check beside the field's own limit: 1e20 says "at most 1,000,000", never 2^53. */
const isSafeRange = (issue: IssueLike) => issue.origin === "int" && (Number(issue.maximum) >= SAFE || Math.abs(Number(issue.minimum)) >= SAFE);

/** A zod failure as the JSON pointers and sentences forms show, one issue per pointer worth reading first. */
export function localizedIssues(issues: readonly IssueLike[], t: Translate, format: IssueFormat): FieldError[] {
  const pointer = (issue: IssueLike) => `/${issue.path.map(String).join("/")}`;
  const withOwnLimit = new Set(issues.filter((i) => !isSafeRange(i)).map(pointer));
  return issues.filter((issue) => !(isSafeRange(issue) && withOwnLimit.has(pointer(issue)))).map((issue) => ({ pointer: pointer(issue), detail: issueMessage(issue, t, format) }));
}
