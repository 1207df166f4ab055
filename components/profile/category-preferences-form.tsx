"use client";

import { useActionState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import type { CategoryPreferencesState } from "@/lib/actions/category-preferences";
import { notificationCategories } from "@/lib/loyalty/notification-categories";

/**
 * Which kinds of news the shopper wants on one channel (push on all their devices, or e-mail).
 * Every category is a checkbox; the unticked ones are switched off. Works without JavaScript.
 */
export function CategoryPreferencesForm({
  channel,
  muted,
  action,
  locked = [],
}: {
  channel: "push" | "email";
  muted: string[];
  action: (previous: CategoryPreferencesState, formData: FormData) => Promise<CategoryPreferencesState>;
  /** Categories shown but not selectable (marketing by e-mail before the opt-in), with why. */
  locked?: string[];
}) {
  const t = useTranslations("notifications");
  const [state, formAction, pending] = useActionState<CategoryPreferencesState, FormData>(action, { status: "idle" });
  return (
    <form action={formAction} className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium">{t(channel === "push" ? "categoriesLegend" : "emailLegend")}</legend>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {notificationCategories.map((category) => {
            const isLocked = locked.includes(category);
            return (
              <label key={category} className={`flex min-h-11 items-center gap-3 rounded-xl px-2 text-sm ${isLocked ? "text-stone-500" : "hover:bg-stone-50"}`}>
                <input
                  type="checkbox"
                  name="category"
                  value={category}
                  defaultChecked={!isLocked && !muted.includes(category)}
                  disabled={isLocked}
                  aria-describedby={isLocked ? `${channel}-locked-hint` : undefined}
                  className="size-5 accent-brand-700"
                />
                {t(`categories.${category}`)}
              </label>
            );
          })}
        </div>
        {locked.length > 0 && (
          <p id={`${channel}-locked-hint`} className="mt-1 px-2 text-xs text-stone-600">
            {t("lockedHint")}
          </p>
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="min-h-11 rounded-xl border border-stone-300 px-4 text-sm font-semibold text-stone-800 hover:bg-stone-50 disabled:opacity-60"
        >
          {t("save")}
        </button>
        <p role="status" className="text-sm text-brand-700" data-testid={`${channel}-preferences-status`}>
          {state.status === "saved" ? t("saved") : ""}
        </p>
      </div>
    </form>
  );
}
