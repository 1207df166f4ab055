"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Confetti } from "@/components/ui/confetti";
import { submitTaskForm, type SubmitTaskState } from "@/lib/actions/submit-task";

/**
 * The frame of every task form: the fields come rendered from the server as children; this adds
 * the submission id (one per attempt, so a resend is the same submission), the button and the
 * outcome. After success the form gives way to the thank-you.
 */
export function TaskForm({ taskId, submitLabel, children }: { taskId: string; submitLabel: string; children: React.ReactNode }) {
  const t = useTranslations("tasks");
  const [clientId] = useState(() => crypto.randomUUID());
  const [state, action, pending] = useActionState<SubmitTaskState, FormData>(submitTaskForm.bind(null, taskId), { status: "idle" });

  if (state.status === "in_review" || state.status === "completed") {
    return (
      <div role="status" className="relative overflow-hidden rounded-2xl bg-brand-50 p-4 font-medium text-brand-900" data-testid="task-result">
        <Confetti />
        {t(`result.${state.status}`, { points: state.points })}
      </div>
    );
  }
  const problem =
    state.status === "invalid"
      ? t(`invalid.${["text-too-short", "text-too-long", "rating"].includes(state.problem) ? state.problem : "answer"}` as "invalid.answer")
      : state.status === "refused"
        ? t(`block.${state.reason}` as "block.done")
        : state.status === "failed"
          ? t("result.failed")
          : "";
  return (
    <form action={action} className="space-y-5" aria-describedby="task-problem">
      <input type="hidden" name="clientId" value={clientId} />
      {children}
      <p id="task-problem" role="status" className="text-sm font-medium text-red-700">
        {problem}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="inline-flex min-h-12 w-full items-center justify-center rounded-2xl bg-brand-700 px-5 text-base font-semibold text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
      >
        {pending ? t("sending") : submitLabel}
      </button>
    </form>
  );
}
