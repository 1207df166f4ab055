// Renders a message once for everyone it goes to alike, then fills in what differs per person
// (name, tracked link, unsubscribe link): a campaign to 100,000 members renders its template per
// language, not per member. React renders a mail in about 4 ms of CPU; filling in takes microseconds.
import type { JourneyText } from "../loyalty/journeys";
import { renderNotificationMail, type MailFrame, type RenderedMail } from "./render-mail";

// Stand-ins that survive rendering unchanged: letters only (nothing React escapes, nothing a
// plain-text heading's upper-casing changes) and URLs of a reserved domain.
const NAME = "TREUEMERGEFIELDNAME";
const ACTION = "https://merge.invalid/action";
const UNSUBSCRIBE = "https://merge.invalid/unsubscribe";
const OPEN = "https://merge.invalid/open";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

const LIMIT = 200;
const templates = new Map<string, Promise<RenderedMail>>();

/** renderNotificationMail's result, from a template shared by every mail that differs only in name and links. */
export async function renderMerged(
  n: { kind: string; params: Record<string, string | number> },
  frame: MailFrame,
  actionUrl: string,
  ownWords?: { de?: JourneyText | undefined; en?: JourneyText | undefined },
): Promise<RenderedMail> {
  const key = JSON.stringify([n.kind, n.params, frame.locale, frame.name !== null, frame.shopName, frame.branding, frame.baseUrl, frame.timeZone, frame.marketing, frame.unsubscribeUrl !== undefined, frame.openPixelUrl !== undefined, frame.preferencesUrl, ownWords]);
  let template = templates.get(key);
  if (!template) {
    template = renderNotificationMail(n, { ...frame, name: frame.name === null ? null : NAME, unsubscribeUrl: frame.unsubscribeUrl && UNSUBSCRIBE, openPixelUrl: frame.openPixelUrl && OPEN }, ACTION, ownWords);
    templates.set(key, template);
    template.catch(() => templates.delete(key));
    // Oldest first out: journeys with per-member numbers rarely repeat, campaigns always do.
    if (templates.size > LIMIT) templates.delete(templates.keys().next().value!);
  }
  const { subject, html, text } = await template;
  const fill = (s: string, name: string) => s.replaceAll(NAME, name).replaceAll(ACTION, actionUrl).replaceAll(UNSUBSCRIBE, frame.unsubscribeUrl ?? "").replaceAll(OPEN, frame.openPixelUrl ?? "");
  const name = frame.name ?? "";
  // The plain text writes the heading in capitals: the name there too.
  const textFilled = text
    .split("\n")
    .map((line) => fill(line, line.includes(NAME) && line === line.toUpperCase() ? name.toUpperCase() : name))
    .join("\n");
  return { subject: fill(subject, name), html: fill(html, escapeHtml(name)), text: textFilled };
}
