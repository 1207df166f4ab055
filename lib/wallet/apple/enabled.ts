// Whether this deployment offers the card in Apple Wallet (all of its configuration set): the
// "Add to Apple Wallet" button shows only then, and every Apple Wallet route answers 404 otherwise.
import { env } from "../../env";
import type { AppleWalletConfig } from "./settings";

export function appleWalletEnabled(): boolean {
  return env().appleWallet !== undefined;
}

/** The configuration, or null when Apple Wallet is off. */
export function appleWalletConfig(): AppleWalletConfig | null {
  return env().appleWallet ?? null;
}
