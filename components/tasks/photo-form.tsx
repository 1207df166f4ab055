"use client";

import { useState } from "react";
import { useTranslations } from "@/lib/i18n/island-text";
import { SubmitRow } from "./submit-row";
import { TaskThanks } from "./task-thanks";

type Result = { status: "in_review" | "completed"; points: number } | { status: "refused" | "invalid"; reason: string } | null;

const PHOTO_REASONS = new Set(["too-large", "not-an-image", "unsupported-format", "too-many-pixels", "duplicate-photo", "missing-fields", "signed-out", "offline", "rate-limited"]);
// Why the task itself is closed now (checked before the file is opened): worded as on the task list.
const TASK_REASONS = new Set(["not-yet", "ended", "daily-cap", "done", "done-month", "done-quarter", "done-year", "unknown-task", "already-rejected"]);

function refusalText(t: (key: string) => string, reason: string): string {
  if (PHOTO_REASONS.has(reason)) return t(`photo.refused.${reason}`);
  if (TASK_REASONS.has(reason)) return t(`block.${reason}`);
  return t("result.failed");
}

/**
 * Uploads a photo for a task. One submission id per attempt: sending again after a dropped
 * connection is the same submission, never a second payout.
 */
export function PhotoForm({ taskId }: { taskId: string }) {
  const t = useTranslations("tasks");
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set("taskId", taskId);
    form.set("clientId", clientId);
    // Photos are too large to keep on the device for later: say so instead of trying.
    if (!navigator.onLine) return setResult({ status: "refused", reason: "offline" });
    setPending(true);
    try {
      const response = await fetch("/api/tasks/photo", { method: "POST", body: form });
      const answer = (await response.json()) as NonNullable<Result> | { outcome?: NonNullable<Result> };
      // A refusal comes as problem+json with the outcome inside.
      const body = response.ok ? (answer as NonNullable<Result>) : ((answer as { outcome?: NonNullable<Result> }).outcome ?? { status: "refused", reason: "network" });
      setResult(body);
      if (body.status === "refused" || body.status === "invalid") setClientId(crypto.randomUUID()); // another photo is another attempt
    } catch {
      setResult({ status: "refused", reason: navigator.onLine ? "network" : "offline" });
    } finally {
      setPending(false);
    }
  }

  if (result && (result.status === "in_review" || result.status === "completed")) {
    return <TaskThanks status={result.status} points={result.points} />;
  }
  const problem = result && "reason" in result ? refusalText(t, result.reason) : "";
  return (
    <form onSubmit={onSubmit} className="space-y-5">
      <div className="space-y-1.5">
        <label htmlFor="photo-file" className="block text-sm font-medium">
          {t("photo.label")}
        </label>
        <input
          id="photo-file"
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          required
          aria-describedby="photo-hint"
          className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-xl file:border-0 file:bg-brand-50 file:px-4 file:font-semibold file:text-brand-800"
        />
        <p id="photo-hint" className="text-xs text-stone-600">
          {t("photo.hint")}
        </p>
      </div>
      <div className="space-y-1.5">
        <label htmlFor="photo-caption" className="block text-sm font-medium">
          {t("photo.caption")} <span className="font-normal text-stone-600">{t("survey.optional")}</span>
        </label>
        <input id="photo-caption" name="caption" maxLength={300} className="min-h-12 w-full rounded-xl border border-stone-300 px-3.5" />
      </div>
      <SubmitRow problem={problem} pending={pending} label={pending ? t("photo.uploading") : t("photo.submit")} />
    </form>
  );
}
