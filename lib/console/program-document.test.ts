import { describe, expect, it } from "vitest";
import { CLI_QUESTION_IDS } from "../loyalty/survey-templates";
import { defaultProgram, programDocumentSchema } from "./program-document";

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
    const issues = programDocumentSchema.safeParse(broken).error!.issues.map((i) => [i.path.join("/"), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["rewards/4/minTierId", 'Unbekannte Stufe "platin".'],
        ["rewards/4/id", 'Die Kennung "versand" kommt doppelt vor.'],
      ]),
    );
    expect(programDocumentSchema.safeParse({ ...base, format: "smile-io" }).success).toBe(false);
  });
});
