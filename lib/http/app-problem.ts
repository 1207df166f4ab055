import "server-only";
import { getTranslations } from "next-intl/server";
import { AppError, appErrorStatus } from "../errors";
import { problem } from "../shop-api/problem";

/** An AppError as problem+json in the caller's language (the `errors` catalogue). */
export async function appProblem(error: AppError): Promise<Response> {
  const t = await getTranslations("errors");
  return problem(appErrorStatus[error.code], error.code, t(`titles.${error.code}`), t(error.key as "signedOut", error.values), undefined, error.extensions);
}

/** Shorthand: answer `code` with the message `key` (and extension members). */
export function answerProblem(code: AppError["code"], key: string, extensions: Record<string, unknown> = {}): Promise<Response> {
  return appProblem(new AppError(code, key, {}, extensions));
}
