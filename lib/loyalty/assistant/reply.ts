// The shape of the assistant's answer: sentences as catalog messages (namespace "assistant" in
// lib/i18n/messages/*.json) with their values, and what the shopper can tap next. Kept as keys,
// not text, so the conversation renders them like every other screen.
import type { TopicIntent } from "./cues";

/** App screens an answer points to. */
export const assistantLinks = ["/rewards", "/tiers", "/tasks", "/wallet", "/invite", "/history"] as const;
export type AssistantLink = (typeof assistantLinks)[number];

export type AssistantLine = { key: string; values: Record<string, string | number> };

export type AssistantAction =
  /** A person from the shop's team takes over the conversation. */
  | { kind: "handover" }
  /** Opens a "points missing" claim for staff, for the named order or one the shopper will name. */
  | { kind: "openClaim"; orderId: string | null }
  | { kind: "link"; href: AssistantLink }
  /** Asks the assistant this question (offered when it was unsure what was meant). */
  | { kind: "ask"; intent: TopicIntent };

/** What one topic says: its sentences and its own actions (the hand-over is added to every answer). */
export type Reply = { lines: AssistantLine[]; actions: AssistantAction[] };

export function say(key: string, values: Record<string, string | number> = {}): AssistantLine {
  return { key, values };
}

export const link = (href: AssistantLink): AssistantAction => ({ kind: "link", href });

/** The catalog message (namespace "assistant") that labels an action's button. */
export function actionLabel(action: AssistantAction): string {
  switch (action.kind) {
    case "handover":
      return "actions.handover";
    case "openClaim":
      return "actions.openClaim";
    case "link":
      return `actions.link.${action.href.slice(1)}`;
    case "ask":
      return `actions.ask.${action.intent}`;
  }
}
