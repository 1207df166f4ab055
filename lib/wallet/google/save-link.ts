import "server-only";
// The "Add to Google Wallet" link of the signed-in shopper: their card (made on first use) as a
// signed "savetowallet" JWT that carries the program's class and the member's object, so Google
// creates whatever does not exist yet when the shopper saves it.
import type { Database } from "../../db/connect";
import { markGoogleSaveLinkIssued } from "../../db/queries/wallet-google";
import { ensureWalletPass } from "../../db/queries/wallet-passes";
import { env } from "../../env";
import { AppError } from "../../errors";
import { errorField, log } from "../../log";
import { walletCardOf } from "../card";
import { GoogleWalletError, SAVE_URL, sharedGoogleWalletApi, type GoogleWalletApi } from "./api";
import { googleWalletConfig } from "./config";
import { loyaltyClassFor, loyaltyObjectFor } from "./loyalty";

/** The address that saves the member's card to Google Wallet (https://pay.google.com/gp/v/save/<jwt>). */
export async function googleSaveLink(db: Database, memberId: string, now: Date, api?: GoogleWalletApi): Promise<string> {
  const config = googleWalletConfig();
  if (!config) throw new AppError("not-found", "googleWalletOff");
  const client = api ?? sharedGoogleWalletApi(config);
  const pass = await ensureWalletPass(db, memberId, "google");
  const card = await walletCardOf(db, memberId, now);
  if (!card) throw new AppError("unauthenticated", "signedOut");
  const loyaltyClass = loyaltyClassFor(config, card);
  const loyaltyObject = loyaltyObjectFor(config, card, pass.serial, env().timezone);
  try {
    // The class should exist before objects are updated through the API; the link carries it too,
    // so when Google cannot be reached now, saving still works and the first update makes sure of it.
    await client.ensureClass(loyaltyClass);
  } catch (error) {
    if (!(error instanceof GoogleWalletError)) throw error;
    log.warn({ err: errorField(error), classId: config.classId }, "google wallet: class not ensured before the save link");
  }
  const jwt = await client.signSaveJwt({ loyaltyClasses: [loyaltyClass], loyaltyObjects: [loyaltyObject] }, [new URL(config.appUrl).origin], now);
  await markGoogleSaveLinkIssued(db, pass.id, pass.changedAt);
  return `${SAVE_URL}${jwt}`;
}
