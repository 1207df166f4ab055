import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { GamificationFacts } from "@/lib/db/queries/tasks";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/config";
import { badgeIds, challengeProgress, earnedBadges, weeklyStreak, type Challenge } from "@/lib/loyalty/gamification";

/** Challenges with progress, the weekly streak and the badges, at the top of the Tasks screen. */
export async function GamificationPanel({ challenges, facts, now }: { challenges: Challenge[]; facts: GamificationFacts; now: Date }) {
  const [t, format, locale] = await Promise.all([getTranslations("tasks.gamification"), getFormatter(), getLocale() as Promise<Locale>]);
  const streak = weeklyStreak(facts.activity, now, env().timezone);
  const earned = new Set(earnedBadges({ ...facts, streak }));
  return (
    <section aria-labelledby="gamification-heading" className="space-y-4 rounded-3xl bg-gradient-to-br from-brand-800 to-brand-950 p-5 text-white md:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="gamification-heading" className="text-base font-semibold">
          {t("title")}
        </h2>
        <p className="rounded-full bg-white/10 px-3 py-1 text-sm font-semibold" data-testid="streak">
          {t("streak", { count: streak })}
        </p>
      </div>
      {challenges.length > 0 && (
        <ul className="space-y-3">
          {challenges.map((challenge) => {
            const { count, done } = challengeProgress(challenge, facts.completions, now, env().timezone);
            return (
              <li key={challenge.id} data-testid="challenge">
                <div className="flex items-baseline justify-between gap-2 text-sm">
                  <span className="font-medium">{t("challenge", { title: challenge.title[locale], count, target: challenge.target })}</span>
                  <span className={done ? "font-bold text-gold-300" : "text-brand-100"}>
                    {done ? t("done") : t("bonus", { points: format.number(challenge.bonusPoints, "points") })}
                  </span>
                </div>
                <div
                  role="progressbar"
                  aria-label={challenge.title[locale]}
                  aria-valuemin={0}
                  aria-valuemax={challenge.target}
                  aria-valuenow={count}
                  className="mt-1.5 h-2 overflow-hidden rounded-full bg-white/15"
                >
                  <div className="h-full rounded-full bg-gold-400" style={{ width: `${(count / challenge.target) * 100}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <h3 className="text-sm font-medium text-brand-100">{t("badges")}</h3>
        <ul className="mt-2 flex flex-wrap gap-2">
          {badgeIds.map((id) => (
            <li
              key={id}
              className={`rounded-full px-3 py-1.5 text-xs font-semibold ${earned.has(id) ? "bg-gold-300 text-stone-900" : "border border-white/25 text-brand-100"}`}
              data-testid={earned.has(id) ? "badge-earned" : "badge-locked"}
            >
              {t(`badge.${id}`)}
              <span className="sr-only"> ({earned.has(id) ? t("earned") : t("locked")})</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
