// WhatsApp's rules for Treue, pure: an approved template per journey and campaign (business-initiated
// messages may only be templates), filling its numbered variables per member, and the keywords a
// shopper sends to stop or start messages on a channel.
import { z } from "zod";
import { msg } from "../validations/issue-message";

/** A Content Template Builder template's SID: HX and 32 hex digits (the campaigns_whatsapp_sid check). */
export const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/**
 * The template and its variables: numbered keys ("1", "2" …) as the template names them
 * ({{1}}, {{2}}), each a text that may hold the member's placeholders ({name}, {points} …).
 * Twilio's ContentVariables takes up to 100 pairs; WhatsApp caps a template at 1,024 characters.
 */
export const whatsappTemplateSchema = z.object({
  contentSid: z.string().trim().regex(CONTENT_SID, msg("validation.whatsappContentSid")),
  variables: z
    .record(z.string().regex(/^[1-9]\d?$/, msg("validation.whatsappVariableKey")), z.string().trim().min(1, msg("validation.whatsappVariableEmpty")).max(200))
    .refine((v) => Object.keys(v).length <= 20, msg("validation.whatsappVariableKey"))
    .default({}),
});
export type WhatsappTemplate = z.infer<typeof whatsappTemplateSchema>;

/** A stored template (a journey's JSON, a campaign's columns), or null when there is none or it no longer parses. */
export function parseWhatsappTemplate(raw: unknown): WhatsappTemplate | null {
  const parsed = whatsappTemplateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * ContentVariables for one member: each variable's text with {name}, {points} … filled. A
 * placeholder without a value becomes empty rather than reaching the shopper as "{name}"; WhatsApp
 * refuses an empty variable, so an empty one is a single space.
 */
export function templateVariables(variables: Record<string, string>, values: Record<string, string | number | null | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([key, text]) => {
        const filled = text.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = values[name];
          return value === null || value === undefined ? "" : String(value);
        });
        return [key, filled.trim() === "" ? " " : filled];
      }),
  );
}

/** The placeholders a campaign's template variables may use. */
export const CAMPAIGN_TEMPLATE_PLACEHOLDERS = ["name", "points", "tier", "shop"] as const;

/** Words that end messages on the channel they arrive on (Twilio's standard opt-out words, and German ones). */
export const STOP_WORDS = ["STOP", "STOPP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ABMELDEN"] as const;
/** Words that start them again. */
export const START_WORDS = ["START", "UNSTOP", "ANMELDEN"] as const;

/** What an inbound message asks for: the whole message, trimmed, in any case, is a keyword, or it is a message. */
export function inboundKeyword(body: string): "stop" | "start" | null {
  const word = body.trim().toUpperCase();
  if ((STOP_WORDS as readonly string[]).includes(word)) return "stop";
  if ((START_WORDS as readonly string[]).includes(word)) return "start";
  return null;
}

/** The consent text recorded when a shopper restarts WhatsApp by keyword. */
export const KEYWORD_CONSENT_TEXT = "START";
