// Whether this deployment offers the card in Google Wallet (TREUE_GOOGLE_WALLET_*, lib/env.ts).
import { env } from "../../env";
import type { GoogleWalletConfig } from "./settings";

/** True when the issuer and its service account are configured: the "Add to Google Wallet" button shows. */
export function googleWalletEnabled(): boolean {
  return env().googleWallet !== undefined;
}

/** The configuration, or null when Google Wallet is not set up. */
export function googleWalletConfig(): GoogleWalletConfig | null {
  return env().googleWallet ?? null;
}
