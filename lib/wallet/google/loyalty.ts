// The member's card as Google Wallet's loyalty class and loyalty object: the class is the program
// (name, logo, colour, the labels), the object is the member's card (balance, status, next reward,
// coupons, the barcode staff scan at the till). Field names as in Google's Wallet REST reference
// (developers.google.com/wallet/reference/rest/v1/loyaltyclass and …/loyaltyobject): programName,
// programLogo.sourceUri.uri, hexBackgroundColor, issuerName, reviewStatus; accountId, accountName,
// loyaltyPoints {label, balance {int}}, secondaryLoyaltyPoints, barcode {type QR_CODE, value,
// alternateText}, textModulesData [{id, header, body}], linksModuleData {uris [{id, uri,
// description}]}, state ACTIVE (INACTIVE: the card of an erased member, which Google Wallet moves
// out of the shopper's current passes).
import { createTranslator } from "use-intl/core";
import type { Locale } from "../../i18n/config";
import de from "../../i18n/messages/de.json";
import en from "../../i18n/messages/en.json";
import { formatMoney } from "../../i18n/money";
import type { ErasedWalletCard, WalletCard } from "../card";
import type { GoogleWalletConfig } from "./settings";

const messages = { de, en } as const;

/** Treue's own colour, when the shop set none (the app's theme colour too). */
export const TREUE_BRAND_COLOR = "#136441";
/** Shown when the shop has no logo: the app's own icon. */
const APP_ICON = "/icons/icon-512.png";
/** Coupons listed on the card, soonest to expire first (the app lists them all). */
const COUPONS_ON_CARD = 3;

type Translation = { language: string; value: string };
export type LocalizedString = { defaultValue: Translation; translatedValues?: Translation[] };
type Uri = { id?: string; uri: string; description?: string };
type TextModule = { id: string; header: string; body: string };
type LoyaltyPoints = { label: string; balance: { int: number } | { string: string } };

export type LoyaltyClass = {
  id: string;
  issuerName: string;
  programName: string;
  programLogo: { sourceUri: { uri: string }; contentDescription: LocalizedString };
  hexBackgroundColor: string;
  localizedAccountIdLabel: LocalizedString;
  localizedAccountNameLabel: LocalizedString;
  /** Google approves a class set to UNDER_REVIEW at once; an update keeps saying so (reference: reviewStatus). */
  reviewStatus: "UNDER_REVIEW";
};

export type LoyaltyObject = {
  id: string;
  classId: string;
  state: "ACTIVE" | "INACTIVE";
  accountId?: string;
  accountName?: string;
  loyaltyPoints: LoyaltyPoints;
  secondaryLoyaltyPoints?: LoyaltyPoints;
  barcode?: { type: "QR_CODE"; value: string; alternateText: string };
  textModulesData: TextModule[];
  linksModuleData?: { uris: Uri[] };
};

/** What a save link names of an object Treue already inserted through the API (Google's "existing objects" JWT). */
export type LoyaltyObjectReference = Pick<LoyaltyObject, "id" | "classId">;

const translator = (locale: Locale) => createTranslator({ locale, messages: messages[locale], namespace: "googleWallet" });

/** `path` of the app (or an absolute https address, kept) as the absolute URL Google fetches or opens. */
function absolute(config: GoogleWalletConfig, path: string): string {
  return new URL(path, `${config.appUrl}/`).toString();
}

/** The object's id: the issuer's number and the card's random serial (never the member's id). */
export function loyaltyObjectId(config: GoogleWalletConfig, serial: string): string {
  return `${config.issuerId}.${serial}`;
}

/** The program's class: the same for every member, labelled in German with English beside it. */
export function loyaltyClassFor(config: GoogleWalletConfig, card: Pick<WalletCard, "shopName" | "brandColor" | "logoUrl">): LoyaltyClass {
  const both = (key: "memberNumber" | "memberName" | "logo"): LocalizedString => ({
    defaultValue: { language: "de", value: translator("de")(key, { shop: card.shopName }) },
    translatedValues: [{ language: "en", value: translator("en")(key, { shop: card.shopName }) }],
  });
  return {
    id: config.classId,
    issuerName: card.shopName,
    programName: card.shopName,
    programLogo: { sourceUri: { uri: absolute(config, card.logoUrl ?? APP_ICON) }, contentDescription: both("logo") },
    hexBackgroundColor: card.brandColor ?? TREUE_BRAND_COLOR,
    localizedAccountIdLabel: both("memberNumber"),
    localizedAccountNameLabel: both("memberName"),
    reviewStatus: "UNDER_REVIEW",
  };
}

/** The member's object: what their card shows now, in their language. `timeZone`: the program's (coupon dates). */
export function loyaltyObjectFor(config: GoogleWalletConfig, card: WalletCard, serial: string, timeZone: string): LoyaltyObject {
  const t = translator(card.locale);
  const number = (n: number) => new Intl.NumberFormat(card.locale).format(n);
  const date = (d: Date) => new Intl.DateTimeFormat(card.locale, { day: "numeric", month: "numeric", year: "numeric", timeZone }).format(d);
  const modules: TextModule[] = [];
  if (card.nextReward) {
    const { name: reward, missingPoints } = card.nextReward;
    modules.push({
      id: "next_reward",
      header: t("nextReward"),
      body: missingPoints > 0 ? t("nextRewardMissing", { reward, points: number(missingPoints) }) : t("nextRewardReady", { reward }),
    });
  }
  if (card.nextTier) {
    modules.push({ id: "next_tier", header: t("nextTier"), body: t("nextTierMissing", { tier: card.nextTier.name, amount: formatMoney(card.locale, card.nextTier.toNextCents, card.currency) }) });
  }
  card.coupons.slice(0, COUPONS_ON_CARD).forEach((coupon, i) => {
    modules.push({ id: `coupon_${i + 1}`, header: t("coupon", { name: coupon.name }), body: t("couponCode", { code: coupon.code, date: date(coupon.expiresAt) }) });
  });
  return {
    id: loyaltyObjectId(config, serial),
    classId: config.classId,
    state: "ACTIVE",
    accountId: card.memberNumberPrinted,
    ...(card.memberName ? { accountName: card.memberName } : {}),
    loyaltyPoints: { label: t("points"), balance: { int: card.balance } },
    ...(card.tier ? { secondaryLoyaltyPoints: { label: t("tier"), balance: { string: card.tier.name } } } : {}),
    // The till scans the ten digits; the printed form under the code is what staff type without a camera.
    barcode: { type: "QR_CODE", value: card.memberNumber, alternateText: card.memberNumberPrinted },
    textModulesData: modules,
    linksModuleData: { uris: [{ id: "app", uri: absolute(config, "/"), description: t("account", { shop: card.shopName }) }] },
  };
}

/**
 * The object of an erased member's card: INACTIVE, balance 0, and nothing of the member (no
 * account id or name, no barcode, no coupons, no link to an account that is gone). An update
 * replaces the whole object, so whatever it held before is gone at Google too.
 */
export function erasedLoyaltyObjectFor(config: GoogleWalletConfig, card: ErasedWalletCard, serial: string): LoyaltyObject {
  const t = translator(card.locale);
  return {
    id: loyaltyObjectId(config, serial),
    classId: config.classId,
    state: "INACTIVE",
    loyaltyPoints: { label: t("points"), balance: { int: 0 } },
    textModulesData: [{ id: "voided", header: card.shopName, body: t("voided") }],
  };
}
