import { describe, expect, it } from "vitest";
import { cliSurveyTemplate, npsSurveyTemplate } from "../loyalty/survey-templates";
import { surveyQuestionSchema, type SurveyQuestion } from "../loyalty/tasks";
import { fromDraft, toDraft } from "./survey-draft";

describe("a survey question through the task editor", () => {
  it("comes back as it went in, a text question's settings included (an edit used to reset them)", () => {
    const text: SurveyQuestion = surveyQuestionSchema.parse({ id: "why", type: "text", label: { de: "Warum?", en: "Why?" }, required: true, maxLength: 280 });
    for (const question of [...npsSurveyTemplate, ...cliSurveyTemplate, text]) {
      expect(surveyQuestionSchema.parse(fromDraft(toDraft(question)))).toEqual(question);
    }
  });

  it("keeps what the form edits", () => {
    const draft = { ...toDraft(npsSurveyTemplate[0]!), de: "Neu", en: "New" };
    expect(fromDraft(draft)).toMatchObject({ label: { de: "Neu", en: "New" } });
  });
});
