"use server";

import { getDb } from "../db";
import { setMutedCategories } from "../db/queries/notifications";
import { notificationCategories } from "../push/categories";
import { authedAction } from "./authed";

export type PushPreferencesState = { status: "idle" | "saved" };

/** The form lists every category as a checkbox; the unticked ones are muted. */
export const savePushPreferences = authedAction(async (member, _previous: PushPreferencesState, formData: FormData): Promise<PushPreferencesState> => {
  const wanted = new Set(formData.getAll("category").map(String));
  await setMutedCategories(
    await getDb(),
    member.id,
    notificationCategories.filter((c) => !wanted.has(c)),
  );
  return { status: "saved" };
});
