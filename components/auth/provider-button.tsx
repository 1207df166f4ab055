"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

export function ProviderButton({ id, name, callbackUrl }: { id: string; name: string; callbackUrl: string }) {
  const t = useTranslations("login");
  return (
    <button
      type="button"
      onClick={() => signIn(id, { callbackUrl })}
      className="min-h-12 w-full rounded-xl border border-stone-300 bg-white px-4 font-semibold text-stone-800 hover:bg-stone-100"
    >
      {t("withProvider", { provider: name })}
    </button>
  );
}
