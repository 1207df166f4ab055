// Keeps a saved card current: the wallet job hands over each Google card whose content changed
// (lib/wallet/pusher.ts) and this replaces its loyalty object through the Wallet REST API. The card
// of an erased member is replaced once more, by an INACTIVE object without personal data, and is
// then "gone": nothing of the member stays in the shopper's Google Wallet.
import type { Database } from "../../db/connect";
import { env } from "../../env";
import { walletCardOrErased } from "../card";
import type { DuePass, PassPusher, PushOutcome } from "../pusher";
import { GoogleWalletError, sharedGoogleWalletApi, type GoogleWalletApi } from "./api";
import { erasedLoyaltyObjectFor, loyaltyClassFor, loyaltyObjectFor } from "./loyalty";
import type { GoogleWalletConfig } from "./settings";

/** When Google is busy or unreachable (429, 5xx, no answer) and said nothing of its own. */
const BUSY_RETRY_MS = 2 * 60_000;
/** When Google refused for a reason staff must fix (the key, the issuer's rights, the content), or nothing is configured. */
const REFUSED_RETRY_MS = 60 * 60_000;
/** The longest a Retry-After is honoured. */
const MAX_RETRY_MS = 60 * 60_000;

function retryOutcome(now: Date, error: GoogleWalletError): PushOutcome {
  const busy = error.status === null || error.status === 429 || error.status >= 500;
  const wait = error.retryAfterSeconds !== undefined ? Math.min(error.retryAfterSeconds * 1000, MAX_RETRY_MS) : busy ? BUSY_RETRY_MS : REFUSED_RETRY_MS;
  return { status: "retry", retryAt: new Date(now.getTime() + Math.max(wait, 1000)), error: error.message };
}

/** A pusher over a given configuration and client (tests pass their own). */
export function makeGooglePassPusher(setup: () => { config: GoogleWalletConfig; api: GoogleWalletApi; timeZone: string } | null): PassPusher {
  return async (db: Database, pass: DuePass, now: Date): Promise<PushOutcome> => {
    const ready = setup();
    if (!ready) return { status: "retry", retryAt: new Date(now.getTime() + REFUSED_RETRY_MS), error: "Google Wallet is not configured (TREUE_GOOGLE_WALLET_ISSUER_ID, TREUE_GOOGLE_WALLET_SERVICE_ACCOUNT)" };
    const { config, api, timeZone } = ready;
    const card = await walletCardOrErased(db, pass.memberId, now);
    if (!card) return { status: "gone" };
    try {
      await api.ensureClass(loyaltyClassFor(config, card));
      if ("erased" in card) {
        // Updated or not there (404): either way Google holds nothing of the member now.
        await api.updateObject(erasedLoyaltyObjectFor(config, card, pass.serial));
        return { status: "gone" };
      }
      // 404: the shopper never saved the card (or Google dropped it); the save link makes it anew, so nothing is lost.
      return (await api.updateObject(loyaltyObjectFor(config, card, pass.serial, timeZone))) === "updated" ? { status: "pushed" } : { status: "gone" };
    } catch (error) {
      if (error instanceof GoogleWalletError) return retryOutcome(now, error);
      throw error;
    }
  };
}

/** The Google Wallet pusher the wallet job calls for cards on the platform "google". */
export const googlePassPusher: PassPusher = makeGooglePassPusher(() => {
  const { googleWallet: config, timezone } = env();
  return config ? { config, api: sharedGoogleWalletApi(config), timeZone: timezone } : null;
});
