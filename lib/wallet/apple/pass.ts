// The member's card as a signed Apple Wallet store card (.pkpass), built with passkit-generator:
// pass.json from the card's content (lib/wallet/card.ts) in the member's language, the shop's logo
// as PNG, manifest.json and its PKCS #7 signature with the Pass Type ID certificate and the WWDR
// certificate. Fields per Apple's Pass reference (developer.apple.com/documentation/walletpasses/pass):
// a storeCard with header, primary, secondary, auxiliary and back fields, `barcodes` (the first one
// shows; older devices read `barcode`), `webServiceURL` + `authenticationToken` for updates.
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PassType, PKPass } from "passkit-generator";
import sharp from "sharp";
import { createTranslator } from "use-intl/core";
import type { Database } from "../../db/connect";
import type { WalletPassRow } from "../../db/queries/wallet-passes";
import { env } from "../../env";
import { formatMoney } from "../../i18n/money";
import de from "../../i18n/messages/de.json";
import en from "../../i18n/messages/en.json";
import { isPhotoKey, rewardImageStore } from "../../uploads/store";
import { walletCardOrErased, type ErasedWalletCard, type WalletCard } from "../card";
import { passAuthToken } from "./auth-token";
import type { AppleWalletConfig } from "./settings";

const messages = { de, en } as const;

/** Where the pass calls the app back (Apple appends /v1/…). */
export function webServiceUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, "")}/api/wallet/apple`;
}

/** "#AA3300" as Apple's colour notation, and a text colour that reads on it. */
function colours(hex: string | null): { backgroundColor: string; foregroundColor: string; labelColor: string } {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  const [r, g, b] = match ? [1, 2, 3].map((i) => parseInt(match[i]!, 16)) : [23, 63, 53];
  // Relative luminance (WCAG): light backgrounds get dark text.
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const light = 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!) > 0.4;
  return {
    backgroundColor: `rgb(${r}, ${g}, ${b})`,
    foregroundColor: light ? "rgb(17, 17, 17)" : "rgb(255, 255, 255)",
    labelColor: light ? "rgb(70, 70, 70)" : "rgb(225, 225, 225)",
  };
}

let defaultIcon: Promise<Buffer> | undefined;

/** The shop's uploaded logo (stored here), else Treue's app icon: a picture at an address elsewhere is not fetched. */
async function logoSource(card: Pick<WalletCard, "logoUrl">): Promise<Buffer> {
  const key = card.logoUrl?.match(/^\/api\/reward-images\/([^/?#]+)$/)?.[1];
  if (key && isPhotoKey(key)) {
    const stored = await rewardImageStore().get(key);
    if (stored) return stored;
  }
  defaultIcon ??= readFile(path.join(process.cwd(), "public/icons/icon-192.png"));
  return defaultIcon;
}

/** icon.png (required) and logo.png at 1x, 2x and 3x (Apple: icon 29 pt square, logo up to 160 × 50 pt). */
async function images(source: Buffer): Promise<Record<string, Buffer>> {
  const png = (width: number, height: number) => sharp(source).resize(width, height, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  const [icon, icon2, icon3, logo, logo2, logo3] = await Promise.all([png(29, 29), png(58, 58), png(87, 87), png(50, 50), png(100, 100), png(150, 150)]);
  return { "icon.png": icon, "icon@2x.png": icon2, "icon@3x.png": icon3, "logo.png": logo, "logo@2x.png": logo2, "logo@3x.png": logo3 };
}

/**
 * An erased member's pass: `voided` (Wallet shows it as no longer valid), the shop's name and
 * colours, and nothing of the member: no name, number, barcode, balance or coupons. It keeps its
 * web service and token, so the device that fetches it can still unregister.
 */
async function voidedContent(db: Database, serial: string, card: ErasedWalletCard, config: AppleWalletConfig, appUrl: string) {
  const t = createTranslator({ locale: card.locale, messages: messages[card.locale], namespace: "walletPass" });
  const storeCard = new PassType("storeCard");
  storeCard.secondaryFields.push({ key: "status", label: t("voided"), value: t("voidedValue") });
  const props = {
    formatVersion: 1 as const,
    passTypeIdentifier: config.passTypeId,
    teamIdentifier: config.teamId,
    serialNumber: serial,
    organizationName: card.shopName,
    description: t("description", { shop: card.shopName }),
    logoText: card.shopName,
    ...colours(card.brandColor),
    webServiceURL: webServiceUrl(appUrl),
    authenticationToken: await passAuthToken(db, serial),
    sharingProhibited: true,
    voided: true,
  };
  return { card, props, storeCard, barcodes: [], files: await images(await logoSource(card)) };
}

/** The pass's files before signing: pass.json's content and the pictures (exported for the tests' expectations). */
export async function passContent(db: Database, pass: Pick<WalletPassRow, "serial" | "memberId">, config: AppleWalletConfig, now: Date) {
  const found = await walletCardOrErased(db, pass.memberId, now);
  if (!found) return null;
  const { publicUrl, timezone } = env();
  if ("erased" in found) return voidedContent(db, pass.serial, found, config, (publicUrl ?? "").replace(/\/$/, ""));
  const card = found;
  const appUrl = (publicUrl ?? "").replace(/\/$/, "");
  const t = createTranslator({ locale: card.locale, messages: messages[card.locale], namespace: "walletPass", timeZone: timezone });
  const date = new Intl.DateTimeFormat(card.locale === "en" ? "en-GB" : "de-DE", { dateStyle: "medium", timeZone: timezone });

  const storeCard = new PassType("storeCard");
  if (card.tier) storeCard.headerFields.push({ key: "tier", label: t("tier"), value: card.tier.name, changeMessage: t("tierChanged") });
  storeCard.primaryFields.push({ key: "balance", label: t("points"), value: card.balance, changeMessage: t("pointsChanged") });
  storeCard.secondaryFields.push({ key: "member", label: t("member"), value: card.memberName ?? card.memberNumberPrinted });
  if (card.nextReward) {
    const value = card.nextReward.missingPoints > 0 ? t("nextRewardMissing", { reward: card.nextReward.name, points: card.nextReward.missingPoints }) : t("nextRewardReady", { reward: card.nextReward.name });
    storeCard.secondaryFields.push({ key: "nextReward", label: t("nextReward"), value });
  }
  if (card.nextTier) storeCard.auxiliaryFields.push({ key: "nextTier", label: t("nextTier"), value: t("nextTierAway", { tier: card.nextTier.name, amount: formatMoney(card.locale, card.nextTier.toNextCents, card.currency) }) });
  storeCard.auxiliaryFields.push({ key: "memberNumber", label: t("memberNumber"), value: card.memberNumberPrinted });
  storeCard.backFields.push({ key: "app", label: t("app"), value: t("appValue", { url: appUrl }) });
  if (card.coupons.length === 0) storeCard.backFields.push({ key: "coupons", label: t("coupons"), value: t("couponsNone") });
  card.coupons.forEach((coupon, i) =>
    storeCard.backFields.push({ key: `coupon-${i}`, label: coupon.name, value: t("coupon", { code: coupon.code, date: date.format(coupon.expiresAt) }), ...(i === 0 ? { changeMessage: t("couponChanged") } : {}) }),
  );
  storeCard.backFields.push({ key: "memberNumberBack", label: t("memberNumber"), value: card.memberNumberPrinted });

  const props = {
    formatVersion: 1 as const,
    passTypeIdentifier: config.passTypeId,
    teamIdentifier: config.teamId,
    serialNumber: pass.serial,
    organizationName: card.shopName,
    description: t("description", { shop: card.shopName }),
    logoText: card.shopName,
    ...colours(card.brandColor),
    webServiceURL: webServiceUrl(appUrl),
    authenticationToken: await passAuthToken(db, pass.serial),
    sharingProhibited: true,
  };
  const barcodes = [
    { format: "PKBarcodeFormatQR" as const, message: card.memberNumber, messageEncoding: "iso-8859-1", altText: card.memberNumberPrinted },
    { format: "PKBarcodeFormatCode128" as const, message: card.memberNumber, messageEncoding: "iso-8859-1", altText: card.memberNumberPrinted },
  ];
  return { card, props, storeCard, barcodes, files: await images(await logoSource(card)) };
}

/** The signed .pkpass of this card now (voided when its member was erased), or null when its member is gone. */
export async function buildApplePass(db: Database, pass: Pick<WalletPassRow, "serial" | "memberId">, config: AppleWalletConfig, now = new Date()): Promise<Buffer | null> {
  const content = await passContent(db, pass, config, now);
  if (!content) return null;
  const pkpass = new PKPass(content.files, { wwdr: config.wwdr, signerCert: config.signerCert, signerKey: config.signerKey }, content.props);
  pkpass.types.push(content.storeCard);
  if (content.barcodes.length > 0) pkpass.setBarcodes(...content.barcodes);
  return pkpass.getAsBuffer();
}
