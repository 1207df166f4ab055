import "server-only";
// The "Add to Google Wallet" link of the signed-in shopper. Their card (made on first use) is put at
// Google through the Wallet REST API first (the class made sure of, the object inserted or, if it
// exists, replaced), and the signed "savetowallet" JWT then names the object by its ids only: the
// link, which passes through the browser's history and Google's page, carries no balance, name,
// number or coupon. When Google's API cannot be reached (or refuses), the link carries the class
// and the object in full instead, so saving still works and Google makes them on "Save".
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
  const origins = [new URL(config.appUrl).origin];
  let jwt: string;
  try {
    await client.ensureClass(loyaltyClass);
    await client.insertObject(loyaltyObject);
    jwt = await client.signSaveJwt({ loyaltyObjects: [{ id: loyaltyObject.id, classId: loyaltyObject.classId }] }, origins, now);
  } catch (error) {
    if (!(error instanceof GoogleWalletError)) throw error;
    log.warn({ err: errorField(error), classId: config.classId }, "google wallet: card not put at Google before the save link; the link carries it");
    jwt = await client.signSaveJwt({ loyaltyClasses: [loyaltyClass], loyaltyObjects: [loyaltyObject] }, origins, now);
  }
  await markGoogleSaveLinkIssued(db, pass.id, pass.changedAt);
  return `${SAVE_URL}${jwt}`;
}
