// Apple's PassPusher (lib/wallet/pusher.ts): one APNs notification to each device registered for
// the changed card. A token APNs calls invalid (410 Unregistered, 400 BadDeviceToken) loses its
// registration; APNs busy or down (429, 5xx, no connection) means "later". A card no device holds
// any more is "gone": nothing to tell until a device registers again.
import "server-only";
import { forgetWalletDevice, walletDevicesOf } from "../../db/queries/wallet-devices";
import { errorField, log } from "../../log";
import type { PassPusher, PushOutcome } from "../pusher";
import { sendPassUpdate } from "./apns";
import { appleWalletConfig } from "./enabled";

const RETRY_MS = 60_000;

export const applePassPusher: PassPusher = async (db, pass, now) => {
  const config = appleWalletConfig();
  if (!config) return { status: "retry", retryAt: new Date(now.getTime() + 60 * RETRY_MS), error: "Apple Wallet is not configured" };
  const devices = await walletDevicesOf(db, pass.serial);
  if (devices.length === 0) return { status: "gone" };
  let kept = 0;
  let retry: Extract<PushOutcome, { status: "retry" }> | null = null;
  for (const device of devices) {
    let answer;
    try {
      answer = await sendPassUpdate(config, device.pushToken, now.getTime());
    } catch (error) {
      log.warn({ err: errorField(error), serial: pass.serial }, "APNs not reachable");
      retry = { status: "retry", retryAt: new Date(now.getTime() + RETRY_MS), error: `APNs not reachable: ${errorField(error).message}` };
      kept++;
      continue;
    }
    if (answer.status === 200) {
      kept++;
    } else if (answer.status === 410 || (answer.status === 400 && answer.reason === "BadDeviceToken")) {
      await forgetWalletDevice(db, pass.serial, device.pushToken);
    } else {
      kept++;
      // 429 and 5xx pass; anything else (a topic or key APNs refuses) is the configuration: told in the log, tried again later.
      const transient = answer.status === 429 || answer.status >= 500;
      if (!transient) log.error({ status: answer.status, reason: answer.reason, serial: pass.serial }, "APNs refused a pass update");
      const waitMs = (answer.retryAfterSeconds ?? 0) * 1000 || (transient ? RETRY_MS : 15 * RETRY_MS);
      retry = { status: "retry", retryAt: new Date(now.getTime() + waitMs), error: `APNs answered ${answer.status}${answer.reason ? ` ${answer.reason}` : ""}` };
    }
  }
  if (retry) return retry;
  return kept > 0 ? { status: "pushed" } : { status: "gone" };
};
