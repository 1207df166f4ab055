import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AsOf } from "@/components/pwa/as-of";
import { PushOffer } from "@/components/pwa/push-offer";
import { IslandMessages } from "@/components/ui/island-messages";
import { CouponCard } from "@/components/wallet/coupon-card";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listWallet } from "@/lib/db/queries/rewards";
import { walletState } from "@/lib/loyalty/rewards";
import { getVapidKeys } from "@/lib/push/vapid";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { KeepCurrent } from "@/components/live/keep-current";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("wallet"))("title") };
}

export default async function WalletPage({ searchParams }: { searchParams: Promise<{ new?: string }> }) {
  const member = await requireMember();
  const db = await getDb();
  const [t, wallet, { new: fresh }] = await Promise.all([getTranslations("wallet"), listWallet(db, member.id), searchParams]);
  const now = new Date();
  // A coupon whose discount the shop is still creating stands with the active ones, without its code yet.
  const current = (state: string) => state === "active" || state === "pending";
  const active = wallet.filter((c) => current(walletState(c, now))).sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
  const past = wallet.filter((c) => !current(walletState(c, now)));
  return (
    <div className="space-y-5">
      <KeepCurrent memberId={member.id} />
      <header>
        <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{t("title")}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("intro")}</p>
        <AsOf />
      </header>
      {wallet.length === 0 && (
        <div className="space-y-3 rounded-3xl border border-dashed border-stone-300 bg-white p-6">
          <p className="text-sm text-stone-700">{t("empty")}</p>
          <a href="/rewards" className={buttonClasses()}>
            {t("toCatalog")}
          </a>
        </div>
      )}
      {active.length > 0 && (
        <section aria-labelledby="active-heading" className="space-y-3">
          <h2 id="active-heading" className="text-base font-semibold">
            {t("active")}
          </h2>
          <ul className="space-y-3">
            {active.map((coupon) => (
              <CouponCard key={coupon.id} coupon={coupon} now={now} highlight={coupon.id === fresh} />
            ))}
          </ul>
        </section>
      )}
      {/* Just redeemed: the moment a reminder before it expires obviously helps. */}
      {fresh && (
        <IslandMessages namespaces={["notifications"]}>
          <PushOffer vapidPublicKey={(await getVapidKeys(db)).publicKey} />
        </IslandMessages>
      )}
      {past.length > 0 && (
        <Card aria-labelledby="past-heading">
          <h2 id="past-heading" className="text-base font-semibold">
            {t("used")} / {t("expired")}
          </h2>
          <ul className="mt-1 divide-y divide-stone-100">
            {past.map((coupon) => (
              <CouponCard key={coupon.id} coupon={coupon} now={now} highlight={false} />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
