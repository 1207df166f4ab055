"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { taskDocumentSchema } from "@/lib/loyalty/program-document";
import { taskKinds, type RepeatEvery, type TaskConfig, type TaskKind } from "@/lib/loyalty/tasks";
import { fromDraft, toDraft, type QuestionDraft } from "@/lib/console/survey-draft";
import { SurveyQuestions } from "./survey-questions";
import { numberFromText, previewable } from "@/lib/validations/form-input";
import { TASK_MAX_PER_MEMBER } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";
import { isoToLocalInput, localInputToIso } from "@/lib/console/datetime-local";

export type EditableTask = {
  id: string;
  kind: TaskKind;
  title: { de: string; en: string };
  description: { de: string; en: string } | null;
  points: number;
  position: number;
  active: boolean;
  config: TaskConfig;
};

const blank: EditableTask = {
  id: "",
  kind: "survey",
  title: { de: "", en: "" },
  description: null,
  points: 30,
  position: 10,
  active: true,
  config: { dailyCap: 3, maxPerMember: 1, repeatEvery: "never", validFrom: null, validUntil: null, minTextLength: 40, category: null, questions: [], socialLinks: [] },
};

/** A task in a dialog: texts, points, limits, dates, and for surveys the questions (with NPS and CLI templates). */
export function TaskEditor({ task, trigger }: { task?: EditableTask; trigger: string }) {
  const t = useTranslations("console.tasks");
  const tc = useTranslations("console");
  const tv = useTranslations("console.validation");
  const format = useFormatter();
  const start = task ?? blank;
  const [open, setOpen] = useState(false);
  const startValues = () => ({
    id: start.id,
    kind: start.kind,
    titleDe: start.title.de,
    titleEn: start.title.en,
    descDe: start.description?.de ?? "",
    descEn: start.description?.en ?? "",
    points: String(start.points),
    position: String(start.position),
    active: start.active,
    dailyCap: String(start.config.dailyCap),
    maxPerMember: start.config.maxPerMember === null ? "" : String(start.config.maxPerMember),
    repeatEvery: start.config.repeatEvery,
    validFrom: isoToLocalInput(start.config.validFrom),
    validUntil: isoToLocalInput(start.config.validUntil),
    minTextLength: String(start.config.minTextLength),
    category: start.config.category ?? "",
    social: start.config.socialLinks.map((l) => `${l.network} | ${l.url}`).join("\n"),
  });
  const [v, setV] = useState(startValues);
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => start.config.questions.map(toDraft));
  const action = useConsoleAction<unknown, { created: boolean }>("tasks.save", { success: (r) => (r.created ? t("created") : t("updated")) });
  const errors = action.fieldErrors;
  /** Every opening starts from the saved task (or a blank one): nothing typed or refused last time comes back. */
  const openFresh = () => {
    setV(startValues());
    setQuestions(start.config.questions.map(toDraft));
    action.reset();
    setOpen(true);
  };
  const set = (patch: Partial<typeof v>) => setV((all) => ({ ...all, ...patch }));
  const input = {
    id: v.id,
    kind: v.kind,
    title: { de: v.titleDe, en: v.titleEn },
    description: v.descDe || v.descEn ? { de: v.descDe, en: v.descEn || v.descDe } : null,
    points: numberFromText(v.points),
    position: numberFromText(v.position),
    active: v.active,
    config: {
      dailyCap: numberFromText(v.dailyCap),
      maxPerMember: numberFromText(v.maxPerMember) ?? null,
      repeatEvery: v.repeatEvery,
      validFrom: localInputToIso(v.validFrom),
      validUntil: localInputToIso(v.validUntil),
      minTextLength: numberFromText(v.minTextLength),
      category: v.category.trim() || null,
      questions: v.kind === "survey" ? questions.map(fromDraft) : [],
      socialLinks:
        v.kind === "social_follow"
          ? v.social
              .split("\n")
              .map((line) => line.split("|").map((s) => s.trim()))
              .filter(([n]) => n)
              .map(([network, url]) => ({ network, url }))
          : [],
    },
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    action.submit(taskDocumentSchema, input, { onSuccess: () => setOpen(false) });
  };
  const text = (key: keyof typeof v, pointer: string, label: string, props: React.ComponentProps<"input"> = {}, { optional = false, hint }: { optional?: boolean; hint?: string } = {}) => (
    <Field id={`tk-${key}`} label={label} optional={optional ? tv("optional") : undefined} required={!optional} hint={hint} error={errors[pointer]}>
      <input {...describedBy(`tk-${key}`, { hint, error: errors[pointer] })} value={String(v[key])} onChange={(e) => set({ [key]: e.target.value })} className={inputClasses} {...props} />
    </Field>
  );
  return (
    <>
      <Button variant={task ? "secondary" : "primary"} onClick={openFresh}>
        {trigger}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={task ? `${t("edit")}: ${task.title.de}` : t("new")} closeLabel={tc("moderation.close")}>
        <form onSubmit={submit} noValidate className="grid gap-3 md:grid-cols-2">
          {text("id", "/id", t("id"), { readOnly: Boolean(task), maxLength: 40 }, { hint: task ? undefined : t("idHint") })}
          <Field id="tk-kind" label={t("kind")}>
            <select id="tk-kind" value={v.kind} disabled={Boolean(task)} onChange={(e) => set({ kind: e.target.value as TaskKind })} className={inputClasses}>
              {taskKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {text("titleDe", "/title/de", t("title"))}
          {text("titleEn", "/title/en", t("titleEn"))}
          {text("descDe", "/description/de", t("description"), {}, { optional: true })}
          {text("descEn", "/description/en", t("descriptionEn"), {}, { optional: true })}
          {text("points", "/points", t("points"), { type: "number", min: 0, max: 100_000, step: 1 })}
          {text("position", "/position", t("position"), { type: "number", min: 0, max: 1000, step: 1 }, { optional: true, hint: tc("rewards.positionHint") })}
          {text("dailyCap", "/config/dailyCap", t("dailyCap"), { type: "number", min: 1, max: 100, step: 1 })}
          <Field id="tk-maxPerMember" label={t("maxPerMember")} optional={tv("optional")} hint={t("maxPerMemberHint")} error={errors["/config/maxPerMember"]}>
            <input {...describedBy("tk-maxPerMember", { hint: true, error: errors["/config/maxPerMember"] })} type="number" min={TASK_MAX_PER_MEMBER.min} max={TASK_MAX_PER_MEMBER.max} step={1} value={v.maxPerMember} onChange={(e) => set({ maxPerMember: e.target.value })} className={inputClasses} />
          </Field>
          <Field id="tk-repeat" label={t("repeatEvery")} hint={t("repeatEveryHint")} error={errors["/config/repeatEvery"]}>
            <select {...describedBy("tk-repeat", { hint: true, error: errors["/config/repeatEvery"] })} value={v.repeatEvery} onChange={(e) => set({ repeatEvery: e.target.value as RepeatEvery })} className={inputClasses}>
              {(["never", "month", "quarter", "year"] as const).map((every) => (
                <option key={every} value={every}>
                  {t(`repeat.${every}`)}
                </option>
              ))}
            </select>
          </Field>
          {text("category", "/config/category", t("category"), {}, { optional: true })}
          {text("validFrom", "/config/validFrom", t("validFrom"), { type: "datetime-local" }, { optional: true })}
          {text("validUntil", "/config/validUntil", t("validUntil"), { type: "datetime-local" }, { optional: true })}
          {v.kind === "product_review" && text("minTextLength", "/config/minTextLength", t("minTextLength"), { type: "number", min: 0, max: 2000, step: 1 })}
          {v.kind === "social_follow" && (
            <Field required id="tk-social" label={t("socialLinks")} error={errors["/config/socialLinks/0/url"]} className="md:col-span-2">
              <textarea {...describedBy("tk-social", { error: errors["/config/socialLinks/0/url"] })} rows={3} value={v.social} onChange={(e) => set({ social: e.target.value })} className={`${inputClasses} py-2 font-mono`} />
            </Field>
          )}
          <label className="inline-flex min-h-11 items-center gap-2 text-sm md:col-span-2">
            <input type="checkbox" className="size-5" checked={v.active} onChange={(e) => set({ active: e.target.checked })} />
            {t("active")}
          </label>
          {v.kind === "survey" && <SurveyQuestions questions={questions} onChange={setQuestions} errors={errors} />}
          <div className="rounded-2xl border border-stone-200 bg-stone-50 p-4 md:col-span-2" aria-label={t("preview")}>
            <p className="text-xs font-semibold tracking-wide text-stone-600 uppercase">{t("preview")}</p>
            <div className="mt-2 flex items-start justify-between gap-3 rounded-2xl bg-white p-4">
              <div>
                <p className="font-semibold">{v.titleDe || "…"}</p>
                {v.descDe && <p className="text-sm text-stone-700">{v.descDe}</p>}
                {v.kind === "survey" && questions.length > 0 && <p className="mt-1 text-xs text-stone-600">{t("previewQuestions", { count: questions.length })}</p>}
              </div>
              <span className="shrink-0 rounded-full bg-brand-50 px-2.5 py-0.5 text-sm font-semibold text-brand-800">+{format.number(previewable(numberFromText(v.points), { min: 0, max: 100_000 }) ?? 0)}</span>
            </div>
          </div>
          <div className="space-y-2 md:col-span-2">
            <FormErrorSummary {...action.summary} />
            <Button type="submit" disabled={action.isPending}>
              {t("save")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
