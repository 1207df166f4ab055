"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { forgetShopperOnDevice } from "@/lib/pwa/forget-shopper";

export function SignOutButton() {
  const t = useTranslations("profile");
  return (
    <button
      type="button"
      onClick={async () => {
        await forgetShopperOnDevice();
        await signOut({ callbackUrl: "/login" });
      }}
      className="min-h-11 w-full rounded-xl border border-stone-300 bg-white px-4 text-sm font-semibold text-stone-800 hover:bg-stone-100 md:w-auto"
    >
      {t("signOut")}
    </button>
  );
}
