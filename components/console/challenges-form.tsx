"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import type { Challenge } from "@/lib/loyalty/gamification";
import { taskKinds, type TaskKind } from "@/lib/loyalty/tasks";
import { challengesSchema } from "@/lib/validations/console";
import { numberFromText } from "@/lib/validations/form-input";
import { CHALLENGE_BONUS_POINTS, CHALLENGE_TARGET, SLUG } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

type Draft = { id: string; de: string; en: string; taskKind: TaskKind; target: string; period: "week" | "month"; bonus: string };

/** The program's challenges as rows: which task kind, how often, per week or month, for how many points. */
export function ChallengesForm({ challenges }: { challenges: Challenge[] }) {
  const t = useTranslations("console.tasks");
  const [rows, setRows] = useState<Draft[]>(challenges.map((c) => ({ id: c.id, de: c.title.de, en: c.title.en, taskKind: c.taskKind, target: String(c.target), period: c.period, bonus: String(c.bonusPoints) })));
  const action = useConsoleAction("program.challenges", { success: t("challengesSaved") });
  const errors = action.fieldErrors;
  const set = (i: number, patch: Partial<Draft>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { challenges: rows.map((r) => ({ id: r.id, title: { de: r.de, en: r.en }, taskKind: r.taskKind, target: numberFromText(r.target), period: r.period, bonusPoints: numberFromText(r.bonus) })) };
    action.submit(challengesSchema, input);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      {rows.map((r, i) => {
        const p = (field: string) => errors[`/challenges/${i}/${field}`];
        return (
          <div key={i} className="grid gap-3 rounded-2xl border border-stone-200 p-3 md:grid-cols-4" data-testid="challenge">
            <Field required id={`ch${i}-id`} label={t("id")} error={p("id")}>
              <input {...describedBy(`ch${i}-id`, { error: p("id") })} maxLength={SLUG.max} value={r.id} onChange={(e) => set(i, { id: e.target.value })} className={inputClasses} />
            </Field>
            <Field required id={`ch${i}-de`} label={t("title")} error={p("title/de")}>
              <input {...describedBy(`ch${i}-de`, { error: p("title/de") })} value={r.de} onChange={(e) => set(i, { de: e.target.value })} className={inputClasses} />
            </Field>
            <Field required id={`ch${i}-en`} label={t("titleEn")} error={p("title/en")}>
              <input {...describedBy(`ch${i}-en`, { error: p("title/en") })} value={r.en} onChange={(e) => set(i, { en: e.target.value })} className={inputClasses} />
            </Field>
            <Field id={`ch${i}-kind`} label={t("kind")}>
              <select id={`ch${i}-kind`} value={r.taskKind} onChange={(e) => set(i, { taskKind: e.target.value as TaskKind })} className={inputClasses}>
                {taskKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field required id={`ch${i}-target`} label={t("target")} error={p("target")}>
              <input {...describedBy(`ch${i}-target`, { error: p("target") })} type="number" min={CHALLENGE_TARGET.min} max={CHALLENGE_TARGET.max} step={1} value={r.target} onChange={(e) => set(i, { target: e.target.value })} className={inputClasses} />
            </Field>
            <Field id={`ch${i}-period`} label={t("period")}>
              <select id={`ch${i}-period`} value={r.period} onChange={(e) => set(i, { period: e.target.value as Draft["period"] })} className={inputClasses}>
                <option value="week">{t("week")}</option>
                <option value="month">{t("month")}</option>
              </select>
            </Field>
            <Field required id={`ch${i}-bonus`} label={t("bonus")} error={p("bonusPoints")}>
              <input {...describedBy(`ch${i}-bonus`, { error: p("bonusPoints") })} type="number" min={CHALLENGE_BONUS_POINTS.min} max={CHALLENGE_BONUS_POINTS.max} step={1} value={r.bonus} onChange={(e) => set(i, { bonus: e.target.value })} className={inputClasses} />
            </Field>
            <div className="flex items-end">
              <Button variant="danger" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
                {t("removeChallenge")}
              </Button>
            </div>
          </div>
        );
      })}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => setRows((all) => [...all, { id: `challenge-${all.length + 1}`, de: "", en: "", taskKind: "product_review", target: "3", period: "month", bonus: "100" }])}>
          {t("addChallenge")}
        </Button>
        <Button type="submit" disabled={action.isPending}>
          {t("saveChallenges")}
        </Button>
      </div>
      <FormErrorSummary {...action.summary} />
    </form>
  );
}
