// Answers about points: the balance and what it buys, when points expire, how to earn more, and
// how invitations stand. Each reads the facts through the rules the screens use.
import { expiryIsNear } from "../expiry";
import { nextReward } from "../personalisation";
import type { ShopperFacts } from "./facts";
import type { Formatter } from "./format";
import { link, say, type AssistantLine, type Reply } from "./reply";

/** Sentences name at most this many rewards, tasks or coupons: the screen linked shows the rest. */
export const LIST_AT_MOST = 3;

export function balanceReply(facts: ShopperFacts, f: Formatter): Reply {
  const lines: AssistantLine[] = [say("balance.points", { count: facts.balance })];
  const affordable = facts.rewards.filter((r) => r.availability.ok);
  const names = affordable.slice(0, LIST_AT_MOST).map((r) => f.name(r.name));
  if (affordable.length > LIST_AT_MOST) lines.push(say("balance.affordableMany", { count: affordable.length, rewards: f.list(names) }));
  else if (affordable.length > 0) lines.push(say("balance.affordable", { rewards: f.list(names) }));
  // The next one to save for: among rewards blocked only by points, the one Home would show.
  const saving = facts.rewards.filter((r) => !r.availability.ok && r.availability.reason === "insufficient-points");
  const next = nextReward(
    saving.map((r) => ({ id: r.id, pointsCost: r.pointsCost, category: r.category, open: true })),
    facts.balance,
    facts.affinity,
  );
  const nextFact = next && saving.find((r) => r.id === next.id);
  if (next && nextFact) lines.push(say("balance.next", { reward: f.name(nextFact.name), count: next.missingPoints }));
  if (affordable.length === 0 && !nextFact) lines.push(say("balance.nothingOffered"));
  return { lines, actions: [link("/rewards")] };
}

export function expiryReply(facts: ShopperFacts, f: Formatter): Reply {
  const { expiry, balance, now } = facts;
  if (balance <= 0) return { lines: [say("expiry.noPoints")], actions: [link("/history")] };
  if (!expiry) return { lines: [say("expiry.nothingDue")], actions: [link("/history")] };
  const lines =
    expiry.mode === "per-earning"
      ? [say("expiry.lots", { count: expiry.points, date: f.date(expiry.at) })]
      : [say("expiry.balance", { count: balance, date: f.date(expiry.at) }), say("expiry.extend")];
  const warnDays = facts.rules.ruleAt(now).rule.expiryWarningDays;
  if (expiryIsNear(expiry.at, now, warnDays)) {
    lines.push(say("expiry.redeemFirst"));
    return { lines, actions: [link("/rewards"), link("/history")] };
  }
  return { lines, actions: [link("/history")] };
}

export function earnReply(facts: ShopperFacts, f: Formatter): Reply {
  const rule = facts.rules.ruleAt(facts.now).rule;
  const lines: AssistantLine[] = [];
  const tier = facts.standing.tier;
  lines.push(say("earn.rate", { count: rule.pointsPerUnit, unit: f.currencyUnit }));
  if (tier && tier.multiplierPercent > 100) lines.push(say("earn.multiplier", { tier: f.name(tier.name), factor: tier.multiplierPercent / 100 }));
  const tasks = [...facts.openTasks].sort((a, b) => b.points - a.points).slice(0, LIST_AT_MOST);
  if (tasks.length > 0) {
    lines.push(say("earn.tasks", { count: facts.openTasks.length }));
    for (const task of tasks) lines.push(say("earn.task", { task: f.name(task.name), count: task.points }));
  } else lines.push(say("earn.noTasks"));
  const actions = [link("/tasks")];
  if (facts.referral.enabled) {
    lines.push(say("earn.referral", { count: facts.referral.referrerPoints }));
    actions.push(link("/invite"));
  }
  return { lines, actions };
}

export function referralReply(facts: ShopperFacts): Reply {
  const { enabled, referrerPoints, stats } = facts.referral;
  if (!enabled) return { lines: [say("referral.paused")], actions: [] };
  const lines: AssistantLine[] = [];
  if (stats.invited === 0) lines.push(say("referral.none"));
  else {
    lines.push(say("referral.stats", { invited: stats.invited, joined: stats.joined, purchased: stats.purchased }));
    if (stats.pointsEarned > 0) lines.push(say("referral.earned", { count: stats.pointsEarned }));
    if (stats.pointsPending > 0) lines.push(say("referral.pending", { count: stats.pointsPending }));
  }
  lines.push(say("referral.offer", { count: referrerPoints }));
  return { lines, actions: [link("/invite")] };
}
