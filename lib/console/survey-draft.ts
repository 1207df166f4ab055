// A survey question in the console's task editor (components/console/survey-questions.tsx) and back.
import type { SurveyQuestion } from "../loyalty/tasks";

/**
 * A survey question as the form edits it: every field a string, options one per line ("de | en").
 * A text question keeps whether it is required and how long an answer may be, which the form does
 * not edit: an edit must not reset them (an imported task would silently lose its settings).
 */
export type QuestionDraft = { id: string; type: SurveyQuestion["type"]; de: string; en: string; options: string; min: string; max: string; required: boolean; maxLength: number };

export const toDraft = (q: SurveyQuestion): QuestionDraft => ({
  id: q.id,
  type: q.type,
  de: q.label.de,
  en: q.label.en,
  options: "options" in q ? q.options.map((o) => `${o.de} | ${o.en}`).join("\n") : "",
  min: "min" in q ? String(q.min) : "0",
  max: "max" in q ? String(q.max) : "10",
  required: "required" in q ? Boolean(q.required) : false,
  maxLength: "maxLength" in q && typeof q.maxLength === "number" ? q.maxLength : 1_000,
});

/** The question as the task's config stores it (the schema checks it when the task is saved). */
export function fromDraft(d: QuestionDraft): unknown {
  const label = { de: d.de, en: d.en };
  const options = d.options
    .split("\n")
    .map((line) => line.split("|").map((s) => s.trim()))
    .filter(([de]) => de)
    .map(([de, en]) => ({ de, en: en || de }));
  switch (d.type) {
    case "single":
    case "multiple":
      return { id: d.id, type: d.type, label, options };
    case "scale":
      return { id: d.id, type: d.type, label, min: Number(d.min), max: Number(d.max) };
    case "text":
      return { id: d.id, type: d.type, label, required: d.required, maxLength: d.maxLength };
    default:
      return { id: d.id, type: d.type, label };
  }
}
