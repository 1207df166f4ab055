// The wallet job (`wallet-updates`): tells Apple's and Google's wallets about every card whose
// content changed since its last push. The database marks cards changed (migration 0025's
// triggers bump `changed_at`), so ten changes before a run are one push. Cards are claimed in
// batches with SKIP LOCKED and a lease (`locked_until`): two instances never hold one card at once.
// After the platform answered, `pushed_at` becomes the `changed_at` that was pushed, only if the
// card still has it (compare-and-set on the exact version): a change during the push stays due.
// Every settlement needs the lease the claim set (`locked_until`, compared exactly): a worker whose
// lease ran out while it pushed, and whose card another worker took meanwhile, writes nothing.
import "server-only";
import type { Database } from "../db/connect";
import { claimDueWalletPasses, settleWalletPush } from "../db/queries/wallet-passes";
import type { WalletPlatform } from "../db/schema";
import { errorField, log } from "../log";
import { applePassPusher } from "./apple/pusher";
import { appleWalletEnabled } from "./apple/enabled";
import { googleWalletEnabled } from "./google/config";
import { googlePassPusher } from "./google/pusher";
import type { PassPusher, PushOutcome } from "./pusher";

export type WalletPushers = Record<WalletPlatform, PassPusher | null>;

/** Each platform's pusher while it is configured; null: its cards wait (still marked changed). */
export function walletPushers(): WalletPushers {
  return { apple: appleWalletEnabled() ? applePassPusher : null, google: googleWalletEnabled() ? googlePassPusher : null };
}

export type WalletPushReport = { pushed: number; gone: number; retrying: number; changedMeanwhile: number; leaseLost: number };

const BATCH = 50;
const ROUNDS = 20;
/** Cards pushed at once within a batch (APNs takes many streams on one connection). */
const PARALLEL = 8;

export async function pushDueWalletPasses(db: Database, now: Date, pushers: WalletPushers = walletPushers()): Promise<WalletPushReport> {
  const report: WalletPushReport = { pushed: 0, gone: 0, retrying: 0, changedMeanwhile: 0, leaseLost: 0 };
  const platforms = (Object.keys(pushers) as WalletPlatform[]).filter((p) => pushers[p]);
  for (let round = 0; round < ROUNDS; round++) {
    const claimed = await claimDueWalletPasses(db, now, platforms, BATCH);
    for (let i = 0; i < claimed.length; i += PARALLEL) {
      await Promise.all(
        claimed.slice(i, i + PARALLEL).map(async (pass) => {
          let outcome: PushOutcome;
          try {
            outcome = await pushers[pass.platform]!(db, { id: pass.id, memberId: pass.memberId, platform: pass.platform, serial: pass.serial, changedAt: pass.changedAt, version: pass.version }, now);
          } catch (error) {
            outcome = { status: "retry", retryAt: new Date(now.getTime() + 60_000), error: errorField(error).message };
          }
          if (outcome.status === "retry") {
            log.warn({ platform: pass.platform, serial: pass.serial, error: outcome.error }, "wallet card not updated yet");
            if ((await settleWalletPush(db, pass.id, pass, { retryAt: outcome.retryAt }, now)) === "lease-lost") report.leaseLost++;
            else report.retrying++;
            return;
          }
          const settled = await settleWalletPush(db, pass.id, pass, outcome.status, now);
          if (settled === "changed-meanwhile") report.changedMeanwhile++;
          else if (settled === "lease-lost") report.leaseLost++;
          else report[outcome.status]++;
        }),
      );
    }
    if (claimed.length < BATCH) break;
  }
  return report;
}
