import "server-only";
// A connection's set-up as the console changes it: the webhook secret, which order statuses count
// as paid, and discounts in the shop with their admin access. Each change is one transaction with
// its audit row; secrets are sealed before they are stored. The SQL is lib/db/queries/connectors.ts.
import type { Database } from "../db/connect";
import { writeAudit, type AuditActor } from "../db/queries/audit";
import { connectorSettingsBefore, upsertConnectorSettings } from "../db/queries/connectors";
import { seal } from "../db/secret-box";
import type { ConnectorPlatform, Platform } from "./types";

/** Sets (or rotates) the webhook secret; only its last four characters are ever shown again. */
export async function setConnectorSecret(db: Database, actor: AuditActor, platform: Platform, secret: string, keySecret: string): Promise<void> {
  const hint = secret.slice(-4);
  await db.transaction(async (tx) => {
    const before = await connectorSettingsBefore(tx, platform);
    await upsertConnectorSettings(tx, platform, { secretCiphertext: seal(secret, keySecret), secretHint: hint });
    await writeAudit(tx, actor, before?.hint ? "connector.secret-rotated" : "connector.secret-set", `connector:${platform}`, before?.hint ? { hint: `…${before.hint}` } : null, { hint: `…${hint}` });
  });
}

export async function setPaidStatuses(db: Database, actor: AuditActor, platform: Platform, statuses: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertConnectorSettings(tx, platform, { paidStatuses: statuses });
    await writeAudit(tx, actor, "connector.paid-statuses", `connector:${platform}`, null, { statuses });
  });
}

/**
 * Switches discounts in the shop on or off for a connection and (optionally) stores its admin API
 * access, sealed; only the fact that credentials exist is shown again.
 */
export async function saveDiscountSettings(
  db: Database,
  actor: AuditActor,
  platform: ConnectorPlatform,
  input: { enabled: boolean; adminUrl?: string | null; credentials?: Record<string, string> | null },
  keySecret: string,
): Promise<void> {
  const access: { adminUrl?: string | null; adminCredentialsCiphertext?: string | null } = {
    ...(input.adminUrl !== undefined && { adminUrl: input.adminUrl }),
    ...(input.credentials !== undefined && { adminCredentialsCiphertext: input.credentials ? seal(JSON.stringify(input.credentials), keySecret) : null }),
  };
  await db.transaction(async (tx) => {
    const before = await connectorSettingsBefore(tx, platform);
    // The stored access goes only to the shop it was given for: another address needs it typed again.
    if (input.credentials === undefined && input.adminUrl !== undefined && originOf(input.adminUrl) !== originOf(before?.adminUrl ?? null)) access.adminCredentialsCiphertext = null;
    await upsertConnectorSettings(tx, platform, { discountsEnabled: input.enabled, ...access });
    await writeAudit(
      tx,
      actor,
      "connector.discounts",
      `connector:${platform}`,
      before ? { enabled: before.enabled, adminUrl: before.adminUrl } : null,
      { enabled: input.enabled, adminUrl: input.adminUrl ?? before?.adminUrl ?? null, credentials: !("adminCredentialsCiphertext" in access) ? "unchanged" : access.adminCredentialsCiphertext ? "set" : "removed" },
    );
  });
}

function originOf(url: string | null): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}
