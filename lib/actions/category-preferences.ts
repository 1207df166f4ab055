"use server";

import { getDb } from "../db";
import { getMailPreferences, setEmailMuted } from "../db/queries/mail-preferences";
import { isMarketing } from "../loyalty/messaging";
import { setMutedCategories } from "../db/queries/notifications";
import { notificationCategories } from "../loyalty/notification-categories";
import { authedAction } from "./authed";

export type CategoryPreferencesState = { status: "idle" | "saved" };

/** The unticked categories of the form (every category is a checkbox). */
const unticked = (formData: FormData) => {
  const wanted = new Set(formData.getAll("category").map(String));
  return notificationCategories.filter((c) => !wanted.has(c));
};

export const savePushPreferences = authedAction(async (member, _previous: CategoryPreferencesState, formData: FormData): Promise<CategoryPreferencesState> => {
  await setMutedCategories(await getDb(), member.id, unticked(formData));
  return { status: "saved" };
});

/**
 * Marketing categories cannot be ticked before the opt-in (the boxes are disabled, so they never
 * arrive): they stay as they were rather than being muted by a form that could not show them.
 */
export const saveEmailPreferences = authedAction(async (member, _previous: CategoryPreferencesState, formData: FormData): Promise<CategoryPreferencesState> => {
  const db = await getDb();
  const current = await getMailPreferences(db, member.id);
  const consented = current?.marketing.state === "confirmed";
  const muted = notificationCategories.filter((c) => (!consented && isMarketing(c) ? (current?.muted ?? []).includes(c) : unticked(formData).includes(c)));
  await setEmailMuted(db, member.id, muted);
  return { status: "saved" };
});
