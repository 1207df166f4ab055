"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useConsoleAction } from "./use-console-action";

/** Puts a failed run of a background job back into the queue now. */
export function JobRetryButton({ job, id }: { job: string; id: string }) {
  const t = useTranslations("console.jobs");
  const action = useConsoleAction<{ job: string; id: string }>("jobs.retry", { success: t("retried") });
  return (
    <Button variant="secondary" disabled={action.isPending} onClick={() => action.mutate({ job, id })}>
      {t("retry")}
    </Button>
  );
}
