"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { forgetShopperOnDevice } from "@/lib/pwa/forget-shopper";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const t = useTranslations("profile");
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        await forgetShopperOnDevice();
        await signOut({ callbackUrl: "/login" });
      }}
      className="w-full md:w-auto"
    >
      {t("signOut")}
    </Button>
  );
}
