"use client";

import { useTranslations } from "@/lib/i18n/island-text";
import { Confetti } from "@/components/ui/confetti";

/** What replaces a task form once it went through: paid now, or waiting for staff. */
export function TaskThanks({ status, points }: { status: "in_review" | "completed"; points: number }) {
  const t = useTranslations("tasks");
  return (
    <div role="status" className="relative overflow-hidden rounded-2xl bg-brand-50 p-4 font-medium text-brand-900" data-testid="task-result">
      <Confetti />
      {t(`result.${status}`, { points })}
    </div>
  );
}
