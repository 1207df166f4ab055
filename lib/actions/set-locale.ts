"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getDb } from "../db";
import { setMemberLocale } from "../db/queries/members";
import { isLocale, localeCookie } from "../i18n/config";
import { authedAction } from "./authed";

export const setLocale = authedAction(async (member, formData: FormData) => {
  const locale = formData.get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(localeCookie, locale, { path: "/", maxAge: 365 * 86_400, sameSite: "lax" });
  await setMemberLocale(await getDb(), member.id, locale);
  revalidatePath("/", "layout");
});
