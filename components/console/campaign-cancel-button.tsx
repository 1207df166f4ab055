"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useConsoleAction } from "./use-console-action";

/** Calls off a campaign that has not gone out (or stops the rest of one that is going out). */
export function CampaignCancelButton({ id }: { id: string }) {
  const t = useTranslations("console.campaigns");
  const action = useConsoleAction<{ id: string }>("campaigns.cancel", { success: t("cancelled") });
  return (
    <Button variant="secondary" disabled={action.isPending} onClick={() => action.mutate({ id })}>
      {t("cancel")}
    </Button>
  );
}
