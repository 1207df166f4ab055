"use client";

import { useActionState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { updateName, type UpdateNameState } from "@/lib/actions/update-name";
import { Button } from "@/components/ui/button";

export function NameForm({ name }: { name: string | null }) {
  const t = useTranslations("profile");
  const [state, action, pending] = useActionState<UpdateNameState, FormData>(updateName, { status: "idle" });
  return (
    <form action={action} className="space-y-2">
      <label htmlFor="member-name" className="block text-sm font-medium">
        {t("nameLabel")}
      </label>
      <div className="flex gap-2">
        <input
          id="member-name"
          name="name"
          defaultValue={name ?? ""}
          autoComplete="name"
          maxLength={80}
          aria-invalid={state.status === "invalid" || undefined}
          aria-describedby="member-name-status"
          className="min-h-11 w-full rounded-xl border border-stone-300 bg-white px-3 text-base focus:border-brand-600"
        />
        <Button type="submit" disabled={pending} className="shrink-0">
          {t("saveName")}
        </Button>
      </div>
      <p id="member-name-status" role="status" className={`text-sm ${state.status === "invalid" ? "text-red-700" : "text-brand-700"}`}>
        {state.status === "invalid" ? t("nameInvalid") : state.status === "saved" ? t("nameSaved") : ""}
      </p>
    </form>
  );
}
