// Apple's PassPusher (lib/wallet/pusher.ts): one APNs notification to each device registered for
// the changed card, each device judged on its own answer (APNs' reasons: "Handling notification
// responses from APNs", developer.apple.com/documentation/usernotifications):
// - 200: told;
// - 410 (Unregistered, ExpiredToken), 400 BadDeviceToken, 400 DeviceTokenNotForTopic: that token
//   will never take this pass's pushes again: its registration goes (never a retry);
// - 429, 5xx, no connection: APNs busy or down; anything else (403, another 400: the key, the
//   topic, the request) is the configuration, the same for every device until staff fix it: both
//   are tried again later, and only for the devices that did not get the push.
// A card no device holds any more is "gone": nothing to tell until a device registers again.
import "server-only";
import { forgetWalletDevice, walletDevicesOf } from "../../db/queries/wallet-devices";
import { errorField, log } from "../../log";
import type { PassPusher, PushOutcome } from "../pusher";
import { sendPassUpdate, type ApnsAnswer } from "./apns";
import { appleWalletConfig } from "./enabled";

const RETRY_MS = 60_000;
/** A refusal that is the configuration's: staff must act, so not every minute. */
const REFUSED_RETRY_MS = 15 * RETRY_MS;

/** A push token APNs will never deliver this pass's updates to. */
export function isDeadToken(answer: Pick<ApnsAnswer, "status" | "reason">): boolean {
  return answer.status === 410 || (answer.status === 400 && (answer.reason === "BadDeviceToken" || answer.reason === "DeviceTokenNotForTopic"));
}

/**
 * The devices still owed a version's push, per card, after a run where some devices got it and
 * others did not: the retry pushes only those. Kept by this process (no column for it): if another
 * instance takes the retry, it pushes every device again, which costs a device one question that
 * is answered "nothing new". A new version of the card pushes every device again anyway.
 */
const owed = new Map<string, { version: string; pushTokens: Set<string> }>();
const OWED_MAX = 10_000;

function remember(passId: string, version: string, pushTokens: Set<string>): void {
  owed.delete(passId);
  if (owed.size >= OWED_MAX) owed.delete(owed.keys().next().value!);
  owed.set(passId, { version, pushTokens });
}

export const applePassPusher: PassPusher = async (db, pass, now) => {
  const config = appleWalletConfig();
  if (!config) return { status: "retry", retryAt: new Date(now.getTime() + 60 * RETRY_MS), error: "Apple Wallet is not configured" };
  const registered = await walletDevicesOf(db, pass.serial);
  if (registered.length === 0) {
    owed.delete(pass.id);
    return { status: "gone" };
  }
  const pending = owed.get(pass.id);
  const devices = pending?.version === pass.version ? registered.filter((d) => pending.pushTokens.has(d.pushToken)) : registered;
  owed.delete(pass.id);

  const failed = new Set<string>();
  let forgotten = 0;
  let waitMs = 0;
  let error = "";
  for (const device of devices) {
    let answer: ApnsAnswer;
    try {
      answer = await sendPassUpdate(config, device.pushToken, now.getTime());
    } catch (problem) {
      log.warn({ err: errorField(problem), serial: pass.serial }, "APNs not reachable");
      failed.add(device.pushToken);
      waitMs = Math.max(waitMs, RETRY_MS);
      error = `APNs not reachable: ${errorField(problem).message}`;
      continue;
    }
    if (answer.status === 200) continue;
    if (isDeadToken(answer)) {
      await forgetWalletDevice(db, pass.serial, device.pushToken);
      forgotten++;
      continue;
    }
    const transient = answer.status === 429 || answer.status >= 500;
    if (!transient) log.error({ status: answer.status, reason: answer.reason, serial: pass.serial }, "APNs refused a pass update");
    failed.add(device.pushToken);
    waitMs = Math.max(waitMs, (answer.retryAfterSeconds ?? 0) * 1000 || (transient ? RETRY_MS : REFUSED_RETRY_MS));
    error = `APNs answered ${answer.status}${answer.reason ? ` ${answer.reason}` : ""}`;
  }
  if (failed.size > 0) {
    remember(pass.id, pass.version, failed);
    return { status: "retry", retryAt: new Date(now.getTime() + waitMs), error };
  }
  // Every device that was owed the push got it, or its token is dead; gone when none is left.
  const outcome: PushOutcome = registered.length > forgotten ? { status: "pushed" } : { status: "gone" };
  return outcome;
};
