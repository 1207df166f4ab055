import "server-only";
// Where the "Add to … Wallet" buttons point, for the platforms the shop configured (null: no button).
import { appleWalletEnabled } from "./apple/enabled";
import { googleWalletEnabled } from "./google/config";

/** Each platform's link, or null when the shop did not configure it. */
export type WalletLinks = { apple: string | null; google: string | null };

export function walletLinks(): WalletLinks {
  return { apple: appleWalletEnabled() ? "/api/wallet/apple/pass" : null, google: googleWalletEnabled() ? "/api/wallet/google/save" : null };
}
