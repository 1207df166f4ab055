import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import de from "../i18n/messages/de.json";
import { localizedIssues, type IssueLike, type Translate } from "../validations/issue-message";
import { CLI_QUESTION_IDS } from "../loyalty/survey-templates";
import { defaultProgram, programDocumentSchema } from "./program-document";

/** The problems as the console shows them to a German reader: [path, message]. */
const german = (issues: readonly IssueLike[]) =>
  localizedIssues(issues, createTranslator({ locale: "de", messages: de, namespace: "console" }) as unknown as Translate, { locale: "de" }).map((e) => [e.pointer.slice(1), e.detail]);

describe("program document", () => {
  it("accepts the default program, with the CLI survey's three 0-10 questions", () => {
    const doc = programDocumentSchema.parse(defaultProgram("Gipfelglück"));
    expect(doc.tiers.map((t) => t.id)).toEqual(["bronze", "silber", "gold"]);
    const cli = doc.tasks.find((t) => t.id === "treue-index")!;
    expect(cli.config.questions.map((q) => q.id)).toEqual([...CLI_QUESTION_IDS]);
    expect(cli.config.questions.every((q) => q.type === "scale" && q.min === 0 && q.max === 10)).toBe(true);
  });

  it("names what is wrong: a reward gated on an unknown tier, a repeated id, another format", () => {
    const base = defaultProgram("X");
    const broken = { ...base, rewards: [...base.rewards, { ...base.rewards[0]!, minTierId: "platin" }] };
    const issues = german(programDocumentSchema.safeParse(broken).error!.issues);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["rewards/5/minTierId", "Unbekannte Stufe „platin“."],
        ["rewards/5/id", "Die Kennung „versand“ kommt doppelt vor."],
      ]),
    );
    expect(programDocumentSchema.safeParse({ ...base, format: "smile-io" }).success).toBe(false);
  });

  it("carries the program's currency: euros by default, Swiss francs or any ISO 4217 code, nothing else", () => {
    const base = defaultProgram("X");
    expect(programDocumentSchema.parse(base).currency).toBe("EUR");
    expect(programDocumentSchema.parse({ ...base, currency: "CHF" }).currency).toBe("CHF");
    for (const currency of ["chf", "€", "XXY", "", "EURO"]) {
      const issues = german(programDocumentSchema.safeParse({ ...base, currency }).error!.issues);
      expect(issues).toEqual([["currency", "Eine Währung nach ISO 4217, z. B. EUR oder CHF."]]);
    }
  });

  it("knows points for money off: its steps and bounds come through, bounds off the step are refused", () => {
    const base = defaultProgram("X");
    const pointsOff = programDocumentSchema.parse(base).rewards.find((r) => r.kind === "points_off")!;
    expect(pointsOff).toMatchObject({ pointsCost: 100, stepValueCents: 100, minValueCents: 500, maxValueCents: 5_000 });
    const broken = { ...base, rewards: base.rewards.map((r) => (r.kind === "points_off" ? { ...r, minValueCents: 550, maxValueCents: null } : r)) };
    const issues = german(programDocumentSchema.safeParse(broken).error!.issues);
    expect(issues).toEqual([
      ["rewards/4/maxValueCents", "Wie viel Rabatt höchstens je Einlösung?"],
      ["rewards/4/minValueCents", "Das Minimum muss ein Vielfaches des Schritts sein (1,00)."],
    ]);
  });
});
