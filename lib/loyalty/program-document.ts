// The whole program as one JSON document: what the console exports and imports (keep it in
// version control, move it from staging to production) and what the first-run wizard starts from.
// Validated by the same schemas as the console's forms.
import { z } from "zod";
import { msg } from "../validations/issue-message";
import { brandingSchema } from "./branding";
import { earnRuleSchema } from "./earn-rule";
import { challengeSchema } from "./gamification";
import { referralRuleSchema } from "./referrals";
import { cliSurveyTemplate, npsSurveyTemplate } from "./survey-templates";
import { taskConfigSchema, taskKinds } from "./tasks";
import { tierRuleSchema } from "./tier-standing";
import { isCurrencyCode } from "../i18n/money";
import { rewardSchema, tiersChangeSchema } from "../validations/console";
import { LIST_POSITION, POINT_VALUE_MILLI_CENTS, SLUG, TASK_POINTS, TEXT } from "../validations/limits";

const localized = z.object({ de: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });

export const taskDocumentSchema = z.object({
  id: z.string().trim().regex(SLUG.pattern),
  kind: z.enum(taskKinds),
  title: localized,
  description: localized.nullable().default(null),
  points: z.number().min(TASK_POINTS.min).max(TASK_POINTS.max).int(),
  config: taskConfigSchema,
  position: z.number().min(LIST_POSITION.min).max(LIST_POSITION.max).int().default(0),
  active: z.boolean().default(true),
});

export const programDocumentSchema = z
  .object({
    format: z.literal("treue-program"),
    version: z.literal(1),
    name: z.string().trim().min(TEXT.programName.min).max(TEXT.programName.max),
    /** ISO 4217: every amount in the document (thresholds, values, minimum orders) is in its minor units. */
    currency: z.string().refine(isCurrencyCode, msg("validation.currency")),
    earnRule: earnRuleSchema,
    tierRule: tierRuleSchema,
    tiers: tiersChangeSchema.shape.tiers,
    rewards: z.array(rewardSchema).max(200),
    tasks: z.array(taskDocumentSchema).max(100),
    challenges: z.array(challengeSchema).max(20).default([]),
    referralRule: referralRuleSchema,
    pointValueMilliCents: z.number().min(POINT_VALUE_MILLI_CENTS.min).max(POINT_VALUE_MILLI_CENTS.max).int().default(100),
    branding: brandingSchema.default({}),
  })
  .superRefine((doc, ctx) => {
    const tierIds = new Set(doc.tiers.map((t) => t.id));
    doc.rewards.forEach((r, i) => {
      if (r.minTierId && !tierIds.has(r.minTierId)) ctx.addIssue({ code: "custom", path: ["rewards", i, "minTierId"], message: msg("validation.unknownTier", { tier: r.minTierId }) });
    });
    for (const [list, key] of [
      [doc.rewards, "rewards"],
      [doc.tasks, "tasks"],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: [key, i, "id"], message: msg("validation.idTwice", { id: item.id }) });
        seen.add(item.id);
      });
    }
    if (doc.tiers.length > 0 && !doc.tiers.some((t) => t.thresholdCents === 0)) ctx.addIssue({ code: "custom", path: ["tiers"], message: msg("validation.firstTierFromZero") });
  });
export type ProgramDocument = z.output<typeof programDocumentSchema>;
export type ProgramDocumentInput = z.input<typeof programDocumentSchema>;

const l = (de: string, en: string) => ({ de, en });

/** A sensible program to start from: 1 point per euro, three tiers, everyday rewards (points into money off too), the usual tasks. */
export function defaultProgram(name: string): ProgramDocumentInput {
  return {
    format: "treue-program",
    version: 1,
    name,
    currency: "EUR",
    earnRule: { pointsPerUnit: 1, rounding: "down", excludedCategories: ["gift-cards"], pointsValidMonths: 12 },
    tierRule: { window: "rolling", graceDays: 30 },
    tiers: [
      { id: "bronze", name: l("Bronze", "Bronze"), thresholdCents: 0, multiplierPercent: 100, benefits: { freeShipping: false, exclusiveRewards: false, earlyAccess: false } },
      { id: "silber", name: l("Silber", "Silver"), thresholdCents: 25_000, multiplierPercent: 125, benefits: { freeShipping: true, exclusiveRewards: false, earlyAccess: false } },
      { id: "gold", name: l("Gold", "Gold"), thresholdCents: 75_000, multiplierPercent: 150, benefits: { freeShipping: true, exclusiveRewards: true, earlyAccess: true } },
    ],
    rewards: [
      { id: "versand", kind: "free_shipping", name: l("Gratis Versand", "Free shipping"), description: l("Für deine nächste Bestellung.", "On your next order."), pointsCost: 150, position: 1 },
      { id: "eur5", kind: "amount_off", name: l("5 € Rabatt", "€5 off"), description: l("Ab 50 € Bestellwert.", "On orders of €50 or more."), pointsCost: 250, valueCents: 500, minOrderCents: 5_000, position: 2 },
      { id: "eur15", kind: "amount_off", name: l("15 € Rabatt", "€15 off"), description: l("Ab 100 € Bestellwert.", "On orders of €100 or more."), pointsCost: 600, valueCents: 1_500, minOrderCents: 10_000, position: 3 },
      { id: "prozent10", kind: "percent_off", name: l("10 % auf alles", "10% off everything"), description: l("Einmal, auf eine ganze Bestellung.", "Once, on a whole order."), pointsCost: 800, percentOff: 10, position: 4 },
      {
        id: "punkte-rabatt",
        kind: "points_off",
        name: l("Punkte in Rabatt", "Points into money off"),
        description: l("100 Punkte = 1 € Rabatt, 5 bis 50 € – du wählst den Betrag.", "100 points = €1 off, €5 to €50 – you choose the amount."),
        pointsCost: 100,
        stepValueCents: 100,
        minValueCents: 500,
        maxValueCents: 5_000,
        position: 5,
      },
    ],
    tasks: [
      { id: "bewertung", kind: "product_review", title: l("Produkt bewerten", "Review a product"), description: l("Erzähl anderen von deinem Kauf.", "Tell others about your purchase."), points: 50, config: { dailyCap: 3, minTextLength: 40 }, position: 1 },
      { id: "foto", kind: "photo_upload", title: l("Foto hochladen", "Upload a photo"), description: l("Zeig uns dein Produkt im Einsatz.", "Show us your product in use."), points: 75, config: { dailyCap: 2, maxPerMember: 10 }, position: 2 },
      { id: "nps", kind: "survey", title: l("Kurze Umfrage", "Quick survey"), description: l("Zwei Fragen, eine Minute.", "Two questions, one minute."), points: 30, config: { repeatEvery: "quarter", questions: npsSurveyTemplate }, position: 3 },
      { id: "treue-index", kind: "survey", title: l("Drei Fragen an dich", "Three questions for you"), description: l("Hilf uns, besser zu werden.", "Help us get better."), points: 30, config: { questions: cliSurveyTemplate }, position: 4 },
      { id: "profil", kind: "profile_completion", title: l("Profil vervollständigen", "Complete your profile"), points: 25, config: {}, position: 5 },
      { id: "geburtstag", kind: "birthday", title: l("Geburtstagsbonus", "Birthday bonus"), points: 100, config: {}, position: 6 },
      { id: "newsletter", kind: "newsletter", title: l("Newsletter abonnieren", "Join the newsletter"), points: 20, config: {}, position: 7 },
    ],
    challenges: [],
    referralRule: {},
    pointValueMilliCents: 100,
    branding: { shopName: name },
  };
}
