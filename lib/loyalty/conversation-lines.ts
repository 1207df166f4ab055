// What a conversation stores beyond plain words, and how the screens read it back. Pure.
// - A system line ("handed over", "resolved with 120 points") is stored as a short code, never as
//   text, so each reader sees it in their own language (catalog: conversations.system.<kind>).
// - An assistant message keeps its buttons and its log for staff together in `assistant_log`.
import type { AssistantAction } from "./assistant/reply";

export const systemLineKinds = ["handover", "claim", "resolved", "closed", "reopened", "assigned", "unassigned"] as const;
export type SystemLineKind = (typeof systemLineKinds)[number];
export type SystemLine = { kind: SystemLineKind; points?: number; name?: string; order?: string };

export function systemLineBody(line: SystemLine): string {
  return JSON.stringify(line);
}

/** A system message's line; a body that is not one (an old row) reads as a hand-over. */
export function parseSystemLine(body: string): SystemLine {
  try {
    const value = JSON.parse(body) as Partial<SystemLine>;
    if (value && typeof value === "object" && (systemLineKinds as readonly string[]).includes(value.kind ?? "")) {
      return {
        kind: value.kind as SystemLineKind,
        ...(typeof value.points === "number" ? { points: value.points } : {}),
        ...(typeof value.name === "string" ? { name: value.name } : {}),
        ...(typeof value.order === "string" ? { order: value.order } : {}),
      };
    }
  } catch {
    // not JSON
  }
  return { kind: "handover" };
}

/** What an assistant message carries besides its text. */
export type AssistantRecord = { actions: AssistantAction[]; unsure: boolean; log: string };

export function assistantRecordText(record: AssistantRecord): string {
  return JSON.stringify(record);
}

export function parseAssistantRecord(stored: string | null): AssistantRecord {
  if (!stored) return { actions: [], unsure: false, log: "" };
  try {
    const value = JSON.parse(stored) as Partial<AssistantRecord>;
    return { actions: Array.isArray(value.actions) ? value.actions : [], unsure: value.unsure === true, log: typeof value.log === "string" ? value.log : "" };
  } catch {
    return { actions: [], unsure: false, log: stored };
  }
}

/** A closed conversation takes a new message on the same thread for this long after its last one; later, a new conversation starts. */
export const REOPEN_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;
