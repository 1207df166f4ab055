// "Wie viele Punkte brauche ich für Gold?": in Treue a tier is reached by spend, not by points, so
// the answer says the spend still missing (from the member's standing) and what that spend earns.
import { pointsForOrder } from "../earn-rule";
import type { AssistantTier, ShopperFacts } from "./facts";
import type { Formatter } from "./format";
import { link, say, type AssistantLine, type Reply } from "./reply";

/** How long the held status lasts, and what keeps it when only grace holds it (as Dein Status says). */
function keepLines(facts: ShopperFacts, f: Formatter, held: AssistantTier): AssistantLine[] {
  const { keptUntil, toKeepCents } = facts.standing;
  if (!keptUntil) return [];
  const tier = f.name(held.name);
  const date = f.date(keptUntil);
  return toKeepCents !== null ? [say("tier.toKeep", { tier, date, amount: f.money(toKeepCents) })] : [say("tier.keptUntil", { tier, date })];
}

export function tierReply(facts: ShopperFacts, f: Formatter, askedTierId: string | null): Reply {
  const { standing, rules } = facts;
  const actions = [link("/tiers")];
  if (rules.tiers.length === 0) return { lines: [say("tier.none")], actions: [] };
  const held = standing.tier;
  const target = rules.tiers.find((t) => t.id === askedTierId) ?? standing.next;
  if (!target) return { lines: held ? [say("tier.top", { tier: f.name(held.name) }), ...keepLines(facts, f, held)] : [say("tier.none")], actions };
  if (held && target.thresholdCents <= held.thresholdCents) {
    const first = target.id === held.id ? say("tier.held", { tier: f.name(held.name) }) : say("tier.above", { tier: f.name(target.name), held: f.name(held.name) });
    return { lines: [first, ...keepLines(facts, f, held)], actions };
  }
  // The standing's own figure for the next tier; a tier further up is the same distance to its threshold.
  const missingCents = target.id === standing.next?.id && standing.toNextCents !== null ? standing.toNextCents : Math.max(0, target.thresholdCents - standing.spendCents);
  const lines = [
    say("tier.bySpend", { tier: f.name(target.name), amount: f.money(missingCents) }),
    say("tier.counted", { window: rules.tierRule.window, spend: f.money(standing.spendCents) }),
  ];
  // Priced as one order at the tier held now, as order-credit.ts prices an order (at the tier held
  // before it), at the plain rate: a time-boxed campaign may be over when the shopper buys.
  const points = pointsForOrder(rules.ruleAt(facts.now).rule, missingCents, [], held?.multiplierPercent ?? 100);
  if (points > 0) lines.push(say("tier.earns", { count: points }));
  return { lines, actions };
}
