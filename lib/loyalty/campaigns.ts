// A campaign: the owner's message to a segment of members, optionally with a reward exclusive to
// them or open to them early. Pure: the shapes the console sends and the rules about them; the
// segment becomes SQL in lib/db/queries/campaigns.ts.
import { z } from "zod";

const words = z.object({
  title: z.string().trim().min(1, "Bitte einen Titel angeben.").max(120, "Höchstens 120 Zeichen für den Titel."),
  body: z.string().trim().min(1, "Bitte einen Text angeben.").max(2000, "Höchstens 2.000 Zeichen für den Text."),
});
/** German is required (the shop's first language); English falls back to it when left out. */
export const campaignMessageSchema = z.object({ de: words, en: words.optional() });
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;

const isoDate = z.iso.date("Ein Datum als JJJJ-MM-TT.");

/** Who a campaign is for; every condition given must hold, none given means every member. */
export const segmentSchema = z
  .object({
    tiers: z.array(z.string().min(1).max(64)).max(20).optional(),
    pointsMin: z.number().int().min(0).optional(),
    pointsMax: z.number().int().min(0).optional(),
    /** The last order was before / on or after this day (program time zone). */
    lastOrderBefore: isoDate.optional(),
    lastOrderAfter: isoDate.optional(),
    /** Bought anything in one of these categories (as the shop sends them on order items). */
    categories: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    birthdayMonth: z.number().int().min(1).max(12).optional(),
    /** Signed in to the program at least once (true), or only known from the shop's orders (false). */
    enrolled: z.boolean().optional(),
    /** Only members who confirmed offers by e-mail. */
    marketingConsent: z.boolean().optional(),
  })
  .refine((s) => s.pointsMin === undefined || s.pointsMax === undefined || s.pointsMin <= s.pointsMax, { message: "Der Mindeststand ist höher als der Höchststand.", path: ["pointsMax"] })
  .refine((s) => !s.lastOrderBefore || !s.lastOrderAfter || s.lastOrderAfter < s.lastOrderBefore, { message: "„Letzte Bestellung nach“ muss vor „vor“ liegen.", path: ["lastOrderBefore"] });
export type Segment = z.infer<typeof segmentSchema>;

export const campaignRewardModes = ["exclusive", "early_access"] as const;
export type CampaignRewardMode = (typeof campaignRewardModes)[number];

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, "Bitte einen Namen für die Kampagne angeben.").max(80),
    message: campaignMessageSchema,
    segment: segmentSchema,
    reward: z
      .object({
        id: z.string().min(1, "Bitte eine Prämie wählen.").max(64),
        mode: z.enum(campaignRewardModes),
        until: z.iso.datetime({ offset: true, error: "Bitte ein Enddatum angeben." }),
      })
      .optional(),
    /** When it goes out; in the past or now: at once. */
    scheduledAt: z.iso.datetime({ offset: true, error: "Bitte einen Zeitpunkt angeben." }),
  })
  .refine((c) => !c.reward || new Date(c.reward.until) > new Date(c.scheduledAt), { message: "Das Enddatum muss nach dem Versand liegen.", path: ["reward", "until"] });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** The words for a reader: English where the owner wrote it, else German. */
export function campaignWords(message: CampaignMessage, locale: "de" | "en"): { title: string; body: string } {
  return (locale === "en" ? message.en : undefined) ?? message.de;
}

/** Parses a stored message; one that no longer parses (older shape) reads as empty rather than failing a send. */
export function parseCampaignMessage(raw: unknown): CampaignMessage {
  const parsed = campaignMessageSchema.safeParse(raw);
  return parsed.success ? parsed.data : { de: { title: "", body: "" } };
}

/** A stored segment, or null when it no longer parses: never read as "everyone". */
export function parseSegment(raw: unknown): Segment | null {
  const parsed = segmentSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : null;
}
