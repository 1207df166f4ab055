// Twilio's webhook for incoming messages, one URL for WhatsApp and text messages
// (POST /api/twilio/inbound, set as the sender's "A message comes in" URL). Twilio posts a form
// (MessageSid, From, To, Body, NumMedia …; WhatsApp numbers as "whatsapp:+49…") signed with
// X-Twilio-Signature (lib/whatsapp/signature.ts) and reads the TwiML answer: <Response/> for
// nothing to say, <Response><Message>…</Message></Response> for a reply on the same channel.
// - A forged or unsigned request: 403, nothing changes.
// - A number no member has: 200, nothing stored (logged without the number).
// - STOP and its kin: that channel's consent ends at once; START and its kin: it begins again.
// - Anything else: into the member's support conversation, once per MessageSid.
import { createTranslator } from "use-intl/core";
import type { Database } from "../db/connect";
import { membersByPhone, startChannel, stopChannel } from "../db/queries/whatsapp";
import { env } from "../env";
import { defaultLocale, isLocale, type Locale } from "../i18n/config";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import { log } from "../log";
import { TEXT } from "../validations/limits";
import { inboundKeyword, KEYWORD_CONSENT_TEXT } from "../loyalty/whatsapp";
import { E164 } from "../sms/provider";
import { deliverToConversation } from "./inbound-target";
import { candidateUrls, verifyTwilioSignature } from "./signature";

/** Twilio's form posts are small; anything larger is not Twilio's. */
const MAX_BODY_BYTES = 64 * 1024;

const twiml = (message?: string) =>
  new Response(message ? `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(message)}</Message></Response>` : `<?xml version="1.0" encoding="UTF-8"?><Response/>`, {
    status: 200,
    headers: { "content-type": "text/xml; charset=utf-8" },
  });

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

function words(locale: string | null) {
  const lang: Locale = isLocale(locale) ? locale : defaultLocale;
  return createTranslator({ locale: lang, messages: { de, en }[lang], namespace: "whatsapp" });
}

export async function receiveTwilioInbound(db: Database, request: Request, now: Date): Promise<Response> {
  const config = env().whatsapp ?? env().sms;
  if (!config) return new Response(null, { status: 404 });
  const raw = await request.text();
  if (Buffer.byteLength(raw, "utf8") > MAX_BODY_BYTES) return new Response(null, { status: 413 });
  const params = new URLSearchParams(raw);
  const urls = candidateUrls(request.url, request.headers, env().publicUrl);
  if (!verifyTwilioSignature(config.authToken, request.headers.get("x-twilio-signature"), urls, params)) {
    log.warn({ path: "/api/twilio/inbound" }, "twilio webhook: signature missing or wrong");
    return new Response(null, { status: 403 });
  }
  const from = params.get("From") ?? "";
  const channel = from.startsWith("whatsapp:") ? "whatsapp" : "sms";
  const phone = from.replace(/^whatsapp:/, "");
  const sid = params.get("MessageSid") ?? params.get("SmsSid") ?? "";
  if ((channel === "whatsapp" ? !env().whatsapp : !env().sms) || !E164.test(phone) || !/^(SM|MM)[0-9a-fA-F]{32}$/.test(sid)) {
    log.info({ channel, sid }, "twilio webhook: not a message this program takes");
    return twiml();
  }
  const candidates = await membersByPhone(db, phone, channel);
  const member = candidates[0];
  if (!member) {
    log.info({ channel, sid }, "twilio webhook: message from a number no member has; nothing stored");
    return twiml();
  }
  const body = params.get("Body") ?? "";
  const keyword = inboundKeyword(body);
  const t = words(member.locale);
  if (keyword === "stop") {
    // Every member on that number: a STOP never leaves one still receiving.
    await stopChannel(db, candidates.map((c) => c.id), channel);
    return twiml(t(channel === "whatsapp" ? "stopped" : "smsStopped"));
  }
  if (keyword === "start") {
    await startChannel(db, member.id, channel, KEYWORD_CONSENT_TEXT, now);
    return twiml(t(channel === "whatsapp" ? "started" : "smsStarted"));
  }
  const media = Number(params.get("NumMedia") ?? "0") > 0;
  const text = body.trim() || (media ? t("mediaOnly") : "");
  if (!text) return twiml();
  const result = await deliverToConversation(db, { memberId: member.id, body: text.slice(0, TEXT.conversationMessage.max), channel, requestId: sid, now });
  log.info({ channel, sid, conversationId: result.conversationId, duplicate: result.duplicate }, "twilio webhook: message received");
  return twiml();
}
