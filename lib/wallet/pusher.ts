// How the wallet job hands one changed card to its platform. Each platform's module exports a
// PassPusher; lib/wallet/push-due.ts claims the due cards and calls the one of each card.
import type { Database } from "../db/connect";
import type { WalletPlatform } from "../db/schema";

/** A card whose content changed since its last push (wallet_passes row); `version`: its changed_at in microseconds (passVersion). */
export type DuePass = { id: string; memberId: string; platform: WalletPlatform; serial: string; changedAt: Date; version: string };

/**
 * - "pushed": the platform has been told (Apple: every registered device; Google: the object updated);
 * - "gone": nothing holds the card any more (no device registered, Google's 404): nothing to tell;
 * - "retry": the platform failed for now; try again after `retryAt` (the error in staff's words).
 */
export type PushOutcome = { status: "pushed" } | { status: "gone" } | { status: "retry"; retryAt: Date; error: string };

export type PassPusher = (db: Database, pass: DuePass, now: Date) => Promise<PushOutcome>;
