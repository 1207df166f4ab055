import "server-only";
// Acting on a platform's data-protection requests (Shopify's mandatory privacy topics) with the
// console's own erasure, so a platform's request and a staff member's do exactly the same.
import type { Database } from "../db/connect";
import { writeAudit } from "../db/queries/audit";
import { findShopCustomer, membersFromPlatform } from "../db/queries/privacy";
import { eraseMember } from "../server/privacy";
import { env } from "../env";
import { deliverMail } from "../mail/deliver";
import { isPhotoKey, photoStore } from "../uploads/store";
import type { ConnectorPlatform, PrivacyRequest } from "./types";

export async function actOnPrivacyRequest(db: Database, platform: ConnectorPlatform, request: PrivacyRequest): Promise<{ outcome: "applied" | "ignored" | "rejected"; detail: string }> {
  const actor = { id: null, email: `${platform} (privacy webhook)` };
  if (request.kind === "redact-shop") {
    const shoppers = await membersFromPlatform(db, platform);
    for (const shopper of shoppers) await erase(db, actor, shopper.id, shopper.email);
    return { outcome: "applied", detail: `shop ${request.shopDomain ?? ""} redacted: ${shoppers.length} shopper(s) erased` };
  }
  const member = await findShopCustomer(db, request.customerId, request.email);
  if (!member || member.erasedAt) return { outcome: "ignored", detail: "no such shopper (or already erased)" };
  if (member.role !== "member") return { outcome: "rejected", detail: `member ${member.id} is staff: erase or export by hand` };
  if (request.kind === "redact-customer") {
    await erase(db, actor, member.id, member.email);
    return { outcome: "applied", detail: `member ${member.id} erased` };
  }
  // A data request: the shop owner answers it with the console's export of this member.
  const link = new URL(`/console/members/${member.id}`, env().publicUrl ?? "http://localhost:3000").toString();
  await writeAudit(db, actor, "privacy.data-request", `member:${member.id}`, null, { requestId: request.requestId });
  for (const owner of env().ownerEmails) {
    await deliverMail({ to: owner, subject: "Treue: Datenauskunft angefordert / data request", text: `${platform} asks for the data Treue keeps about a shopper (request ${request.requestId ?? "–"}).\nExport it here: ${link}\n`, url: link });
  }
  return { outcome: "applied", detail: `data request ${request.requestId ?? ""}: export at ${link}` };
}

async function erase(db: Database, actor: { id: null; email: string }, memberId: string, email: string) {
  const { photoKeys } = await eraseMember(db, actor, memberId, email);
  const store = photoStore();
  await Promise.all(photoKeys.filter(isPhotoKey).map((key) => store.remove(key)));
}
