// A campaign: the owner's message to a segment of members, optionally with a reward exclusive to
// them or open to them early. Pure: the shapes the console sends and the rules about them; the
// segment becomes SQL in lib/db/queries/campaigns.ts.
import { z } from "zod";
import { msg } from "../validations/issue-message";
import { SEGMENT_POINTS } from "../validations/limits";
import { whatsappTemplateSchema } from "./whatsapp";

const words = z.object({
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(2000),
});
/** German is required (the shop's first language); English falls back to it when left out. */
export const campaignMessageSchema = z.object({ de: words, en: words.optional() });
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;

const isoDate = z.iso.date();

/** Who a campaign is for; every condition given must hold, none given means every member. */
export const segmentSchema = z
  .object({
    tiers: z.array(z.string().min(1).max(64)).max(20).optional(),
    pointsMin: z.number().min(SEGMENT_POINTS.min).max(SEGMENT_POINTS.max).int().optional(),
    pointsMax: z.number().min(SEGMENT_POINTS.min).max(SEGMENT_POINTS.max).int().optional(),
    /** The last order was before / on or after this day (program time zone). */
    lastOrderBefore: isoDate.optional(),
    lastOrderAfter: isoDate.optional(),
    /** Bought anything in one of these categories (as the shop sends them on order items). */
    categories: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    birthdayMonth: z.number().min(1).max(12).int().optional(),
    /** Signed in to the program at least once (true), or only known from the shop's orders (false). */
    enrolled: z.boolean().optional(),
    /** Only members who confirmed offers by e-mail. */
    marketingConsent: z.boolean().optional(),
  })
  .refine((s) => s.pointsMin === undefined || s.pointsMax === undefined || s.pointsMin <= s.pointsMax, { message: msg("validation.pointsMinAboveMax"), path: ["pointsMax"] })
  .refine((s) => !s.lastOrderBefore || !s.lastOrderAfter || s.lastOrderAfter < s.lastOrderBefore, { message: msg("validation.lastOrderRange"), path: ["lastOrderBefore"] });
export type Segment = z.infer<typeof segmentSchema>;

export const campaignRewardModes = ["exclusive", "early_access"] as const;
export type CampaignRewardMode = (typeof campaignRewardModes)[number];

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    message: campaignMessageSchema,
    segment: segmentSchema,
    reward: z
      .object({
        id: z.string().min(1, msg("validation.chooseReward")).max(64),
        mode: z.enum(campaignRewardModes),
        until: z.iso.datetime({ offset: true }),
      })
      .optional(),
    /** The approved WhatsApp template members on WhatsApp get it as; none: they get it on their next channel. */
    whatsapp: whatsappTemplateSchema.optional(),
    /** When it goes out; in the past or now: at once. */
    scheduledAt: z.iso.datetime({ offset: true }),
  })
  .refine((c) => !c.reward || new Date(c.reward.until) > new Date(c.scheduledAt), { message: msg("validation.rewardUntilAfterSend"), path: ["reward", "until"] });
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
