// A notification's words, rendered at send time in the member's language.
import { createTranslator } from "use-intl/core";
import { defaultLocale, isLocale, type Locale } from "../i18n/config";
import { messageValues } from "../i18n/message-values";
import { DEFAULT_TIME_ZONE } from "../loyalty/calendar";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import type { PushPayload } from "./sender";

const messages = { de, en } as const;
const KINDS = [
  "points_earned", "tier_up", "task_new", "coupon_expiring", "points_expiring", "referral_rewarded", "task_approved", "task_rejected", "support_answered", "conversation_reply", "discount_failed",
  "welcome", "points_digest", "tier_at_risk", "birthday", "reward_available", "win_back", "campaign",
] as const;
type Kind = (typeof KINDS)[number];

type Outboxed = { id: string; kind: string; params: Record<string, string | number>; url: string };

export function renderPush(n: Outboxed, memberLocale: string | null, timeZone = DEFAULT_TIME_ZONE): PushPayload {
  const locale: Locale = isLocale(memberLocale) ? memberLocale : defaultLocale;
  const t = createTranslator({ locale, messages: messages[locale], namespace: "push", timeZone });
  const values = messageValues(n.params, locale, timeZone);
  const kind: Kind | "fallback" = (KINDS as readonly string[]).includes(n.kind) ? (n.kind as Kind) : "fallback";
  return {
    id: n.id,
    title: t(`${kind}.title`, values),
    body: t(`${kind}.body`, values),
    url: n.url,
    // One visible notification per cause kind and screen: a newer one replaces an older one.
    tag: `${n.kind}:${n.url}`,
  };
}
