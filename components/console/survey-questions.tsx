"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { cliSurveyTemplate, npsSurveyTemplate } from "@/lib/loyalty/survey-templates";
import { toDraft, type QuestionDraft } from "@/lib/console/survey-draft";

type Props = { questions: QuestionDraft[]; onChange: (update: (all: QuestionDraft[]) => QuestionDraft[]) => void; errors: Record<string, string | undefined> };

/** A survey's questions in the task editor: the NPS and CLI templates, and each question's fields. */
export function SurveyQuestions({ questions, onChange, errors }: Props) {
  const t = useTranslations("console.tasks");
  const setQuestions = (next: QuestionDraft[] | ((all: QuestionDraft[]) => QuestionDraft[])) => onChange(typeof next === "function" ? next : () => next);
  const setQuestion = (i: number, patch: Partial<QuestionDraft>) => setQuestions((all) => all.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  return (
    <fieldset className="space-y-3 rounded-2xl border border-stone-200 p-4 md:col-span-2">
      <legend className="px-1 text-sm font-semibold">{t("questions")}</legend>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setQuestions(npsSurveyTemplate.map(toDraft))}>
          {t("npsTemplate")}
        </Button>
        <Button variant="secondary" onClick={() => setQuestions(cliSurveyTemplate.map(toDraft))}>
          {t("cliTemplate")}
        </Button>
        <Button variant="secondary" onClick={() => setQuestions((all) => [...all, { id: `frage-${all.length + 1}`, type: "single", de: "", en: "", options: "", min: "1", max: "5", required: false, maxLength: 1_000 }])}>
          {t("addQuestion")}
        </Button>
      </div>
      {questions.map((q, i) => (
        <div key={i} className="grid gap-3 rounded-xl bg-stone-50 p-3 md:grid-cols-2" data-testid="question">
          <Field required id={`q${i}-id`} label={t("questionId")} error={errors[`/config/questions/${i}/id`]}>
            <input {...describedBy(`q${i}-id`, { error: errors[`/config/questions/${i}/id`] })} value={q.id} onChange={(e) => setQuestion(i, { id: e.target.value })} className={inputClasses} />
          </Field>
          <Field id={`q${i}-type`} label={t("questionType")}>
            <select id={`q${i}-type`} value={q.type} onChange={(e) => setQuestion(i, { type: e.target.value as QuestionDraft["type"] })} className={inputClasses}>
              {(["nps", "scale", "single", "multiple", "text"] as const).map((type) => (
                <option key={type} value={type}>
                  {t(`types.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field required id={`q${i}-de`} label={t("label")} error={errors[`/config/questions/${i}/label/de`]}>
            <input {...describedBy(`q${i}-de`, { error: errors[`/config/questions/${i}/label/de`] })} value={q.de} onChange={(e) => setQuestion(i, { de: e.target.value })} className={inputClasses} />
          </Field>
          <Field required id={`q${i}-en`} label={t("labelEn")} error={errors[`/config/questions/${i}/label/en`]}>
            <input {...describedBy(`q${i}-en`, { error: errors[`/config/questions/${i}/label/en`] })} value={q.en} onChange={(e) => setQuestion(i, { en: e.target.value })} className={inputClasses} />
          </Field>
          {(q.type === "single" || q.type === "multiple") && (
            <Field required id={`q${i}-options`} label={t("options")} error={errors[`/config/questions/${i}/options`]} className="md:col-span-2">
              <textarea {...describedBy(`q${i}-options`, { error: errors[`/config/questions/${i}/options`] })} rows={3} value={q.options} onChange={(e) => setQuestion(i, { options: e.target.value })} className={`${inputClasses} py-2`} />
            </Field>
          )}
          {q.type === "scale" && (
            <>
              <Field required id={`q${i}-min`} label={t("min")} error={errors[`/config/questions/${i}/min`]}>
                <input {...describedBy(`q${i}-min`, { error: errors[`/config/questions/${i}/min`] })} type="number" min={0} max={10} value={q.min} onChange={(e) => setQuestion(i, { min: e.target.value })} className={inputClasses} />
              </Field>
              <Field required id={`q${i}-max`} label={t("max")} error={errors[`/config/questions/${i}/max`]}>
                <input {...describedBy(`q${i}-max`, { error: errors[`/config/questions/${i}/max`] })} type="number" min={1} max={10} value={q.max} onChange={(e) => setQuestion(i, { max: e.target.value })} className={inputClasses} />
              </Field>
            </>
          )}
          <div className="md:col-span-2">
            <Button variant="danger" onClick={() => setQuestions((all) => all.filter((_, j) => j !== i))}>
              {t("removeQuestion")}
            </Button>
          </div>
        </div>
      ))}
    </fieldset>
  );
}
