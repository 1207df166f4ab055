// A queued message as an e-mail: subject, HTML and plain text, in the member's language, in the
// shop's colours, with the shop's own words where it wrote them (console → Journeys).
import { render, toPlainText } from "@react-email/render";
import { createTranslator } from "use-intl/core";
import { defaultLocale, isLocale, type Locale } from "../i18n/config";
import { messageValues } from "../i18n/message-values";
import de from "../i18n/messages/de.json";
import en from "../i18n/messages/en.json";
import type { Branding } from "../loyalty/branding";
import { fillPlaceholders, type JourneyText } from "../loyalty/journeys";
import { BrandedMail, type BrandedMailProps } from "./templates/branded-mail";

const messages = { de, en } as const;
type MailKind = keyof typeof de.mail.kinds;
const isKind = (kind: string): kind is MailKind => kind in de.mail.kinds;

export type RenderedMail = { subject: string; html: string; text: string };

export type MailFrame = {
  locale: string | null;
  /** The member's name, if they gave one. */
  name: string | null;
  shopName: string;
  branding: Branding;
  /** Absolute base of the app's links (https://treue.shop.example). */
  baseUrl: string;
  timeZone: string;
  /** Marketing (the footer says why it came) or news about the member's account. */
  marketing: boolean;
  unsubscribeUrl?: string | undefined;
  preferencesUrl: string;
  /** Open tracking (TREUE_MAIL_OPEN_TRACKING): the image that records the open. */
  openPixelUrl?: string | undefined;
};

const DEFAULT_BRAND = "#136441";

function translator(locale: Locale) {
  return createTranslator({ locale, messages: messages[locale], namespace: "mail" });
}

function frameProps(frame: MailFrame, locale: Locale): Omit<BrandedMailProps, "heading" | "paragraphs" | "action" | "note"> {
  const t = translator(locale);
  const shop = frame.shopName;
  const absolute = (url: string | undefined) => (url?.startsWith("/") ? `${frame.baseUrl}${url}` : url);
  const { imprintUrl, privacyUrl, logoUrl, primaryColor } = frame.branding;
  return {
    locale,
    shopName: shop,
    logoUrl: absolute(logoUrl),
    brandColor: primaryColor ?? DEFAULT_BRAND,
    greeting: frame.name ? t("greeting", { name: frame.name }) : t("greetingAnonymous"),
    signature: t("signature", { shop }),
    openPixelUrl: frame.openPixelUrl,
    footer: {
      why: frame.marketing ? t("whyMarketing", { shop }) : t("whyService", { shop }),
      unsubscribe: frame.unsubscribeUrl ? { label: t("unsubscribe"), url: frame.unsubscribeUrl } : undefined,
      preferences: { label: t("preferences"), url: frame.preferencesUrl },
      imprint: imprintUrl ? { label: t("imprint"), url: imprintUrl } : undefined,
      privacy: privacyUrl ? { label: t("privacy"), url: privacyUrl } : undefined,
    },
  };
}

async function finish(props: BrandedMailProps, subject: string): Promise<RenderedMail> {
  const html = await render(<BrandedMail {...props} />);
  return { subject, html, text: toPlainText(html) };
}

/** The e-mail for an outbox row (kind + params), its button leading to `actionUrl`. */
export async function renderNotificationMail(
  n: { kind: string; params: Record<string, string | number> },
  frame: MailFrame,
  actionUrl: string,
  ownWords?: { de?: JourneyText | undefined; en?: JourneyText | undefined },
): Promise<RenderedMail> {
  const locale: Locale = isLocale(frame.locale) ? frame.locale : defaultLocale;
  const t = translator(locale);
  const values = { ...messageValues(n.params, locale, frame.timeZone), shop: frame.shopName, name: frame.name ?? "" };
  const kind = isKind(n.kind) ? n.kind : "fallback";
  const own = ownWords?.[locale];
  const subject = own?.subject ? fillPlaceholders(own.subject, values) : t(`kinds.${kind}.subject`, values);
  // The German built-in text continues the greeting ("Hallo Anna,\n\nschön, dass …"): its first letter is small on purpose.
  const paragraphs = own?.body ? fillPlaceholders(own.body, values).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) : [t(`kinds.${kind}.body`, values)];
  return finish({ ...frameProps(frame, locale), heading: subject, paragraphs, action: { label: t(`kinds.${kind}.cta`, values), url: actionUrl } }, subject);
}

/** The double opt-in mail: marketing by e-mail starts only when its link is followed. */
export async function renderConsentMail(frame: Omit<MailFrame, "marketing" | "unsubscribeUrl">, confirmUrl: string): Promise<RenderedMail> {
  const locale: Locale = isLocale(frame.locale) ? frame.locale : defaultLocale;
  const t = translator(locale);
  const shop = frame.shopName;
  const subject = t("consent.subject", { shop });
  return finish(
    {
      ...frameProps({ ...frame, marketing: false, unsubscribeUrl: undefined }, locale),
      heading: subject,
      paragraphs: [t("consent.body", { shop })],
      action: { label: t("consent.cta"), url: confirmUrl },
      note: t("consent.ignore"),
    },
    subject,
  );
}
