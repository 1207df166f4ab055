// Ready-made surveys the console offers. The Customer Loyalty Index asks three questions, each
// 0–10 (recommend, buy again, try other products); the ids are what the insights read.
import type { SurveyQuestion } from "./tasks";

export const CLI_QUESTION_IDS = ["cli_recommend", "cli_buy_again", "cli_try_other"] as const;

export const cliSurveyTemplate: SurveyQuestion[] = [
  {
    id: "cli_recommend",
    type: "scale",
    min: 0,
    max: 10,
    label: { de: "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?", en: "How likely are you to recommend us?" },
  },
  {
    id: "cli_buy_again",
    type: "scale",
    min: 0,
    max: 10,
    label: { de: "Wie wahrscheinlich ist es, dass Sie wieder bei uns kaufen?", en: "How likely are you to buy from us again?" },
  },
  {
    id: "cli_try_other",
    type: "scale",
    min: 0,
    max: 10,
    label: { de: "Wie wahrscheinlich ist es, dass Sie auch andere Produkte von uns ausprobieren?", en: "How likely are you to try other products of ours?" },
  },
];

export const npsSurveyTemplate: SurveyQuestion[] = [
  { id: "nps", type: "nps", label: { de: "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?", en: "How likely are you to recommend us?" } },
  { id: "why", type: "text", required: false, maxLength: 1_000, label: { de: "Was ist der wichtigste Grund für Ihre Bewertung?", en: "What is the main reason for your score?" } },
];
