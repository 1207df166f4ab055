"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { savePushPreferences, type PushPreferencesState } from "@/lib/actions/push-preferences";
import { notificationCategories } from "@/lib/push/categories";

/** Which kinds of news the shopper wants, for all their devices. Works without JavaScript. */
export function PushPreferencesForm({ muted }: { muted: string[] }) {
  const t = useTranslations("notifications");
  const [state, action, pending] = useActionState<PushPreferencesState, FormData>(savePushPreferences, { status: "idle" });
  return (
    <form action={action} className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium">{t("categoriesLegend")}</legend>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {notificationCategories.map((category) => (
            <label key={category} className="flex min-h-11 items-center gap-3 rounded-xl px-2 text-sm hover:bg-stone-50">
              <input
                type="checkbox"
                name="category"
                value={category}
                defaultChecked={!muted.includes(category)}
                className="size-5 accent-brand-700"
              />
              {t(`categories.${category}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="min-h-11 rounded-xl border border-stone-300 px-4 text-sm font-semibold text-stone-800 hover:bg-stone-50 disabled:opacity-60"
        >
          {t("save")}
        </button>
        <p role="status" className="text-sm text-brand-700" data-testid="push-preferences-status">
          {state.status === "saved" ? t("saved") : ""}
        </p>
      </div>
    </form>
  );
}
