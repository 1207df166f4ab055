// The addresses a mail points at. Unsubscribe, opt-in confirmation and tracked clicks work
// without a sign-in, so each carries a signed token (lib/mail/link-signing.ts).
import { env } from "../env";
import type { NotificationCategory } from "../loyalty/notification-categories";
import { notificationCategories } from "../loyalty/notification-categories";
import { localPath } from "../http/local-path";
import { readToken, signToken } from "./link-signing";

/** The app's public address, for links that leave it (mails, invitations). */
export function publicBaseUrl(): string {
  return (env().publicUrl ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The token of "stop e-mails of this category to this member". */
export function unsubscribeToken(key: string, memberId: string, category: NotificationCategory): string {
  return signToken(key, ["u", memberId, category]);
}

export function readUnsubscribeToken(key: string, token: string): { memberId: string; category: NotificationCategory } | null {
  const parts = readToken(key, token, 3);
  if (!parts || parts[0] !== "u" || !uuid.test(parts[1]!) || !(notificationCategories as readonly string[]).includes(parts[2]!)) return null;
  return { memberId: parts[1]!, category: parts[2] as NotificationCategory };
}

/** The token of "yes, send me offers by e-mail", tied to the one request it answers. */
export function consentToken(key: string, memberId: string, requestedAt: Date): string {
  return signToken(key, ["c", memberId, String(requestedAt.getTime())]);
}

export function readConsentToken(key: string, token: string): { memberId: string; requestedAt: Date } | null {
  const parts = readToken(key, token, 3);
  if (!parts || parts[0] !== "c" || !uuid.test(parts[1]!) || !/^\d{1,15}$/.test(parts[2]!)) return null;
  return { memberId: parts[1]!, requestedAt: new Date(Number(parts[2])) };
}

/** The token of a tracked click: which message, and the in-app path it leads to. */
export function clickToken(key: string, notificationId: string, path: string): string {
  return signToken(key, ["k", notificationId, Buffer.from(path).toString("base64url")]);
}

export function readClickToken(key: string, token: string): { notificationId: string; path: string } | null {
  const parts = readToken(key, token, 3);
  if (!parts || parts[0] !== "k" || !uuid.test(parts[1]!)) return null;
  const path = Buffer.from(parts[2]!, "base64url").toString("utf8");
  // Only paths inside the app: the redirect can never be bent into an open redirect.
  return { notificationId: parts[1]!, path: localPath(path) };
}

/** The token of a mail's open-tracking image: which message. */
export function openToken(key: string, notificationId: string): string {
  return signToken(key, ["o", notificationId]);
}

export function readOpenToken(key: string, token: string): string | null {
  const parts = readToken(key, token, 2);
  return parts && parts[0] === "o" && uuid.test(parts[1]!) ? parts[1]! : null;
}

export const mailLinks = {
  openPixel: (token: string) => `${publicBaseUrl()}/api/mail/open/${token}`,
  unsubscribePage: (token: string) => `${publicBaseUrl()}/unsubscribe/${token}`,
  /** RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" here. */
  unsubscribeOneClick: (token: string) => `${publicBaseUrl()}/api/mail/unsubscribe/${token}`,
  confirmConsent: (token: string) => `${publicBaseUrl()}/consent/${token}`,
  click: (token: string) => `${publicBaseUrl()}/api/mail/click/${token}`,
  preferences: () => `${publicBaseUrl()}/profile#email`,
};
