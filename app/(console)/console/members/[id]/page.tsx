import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AdjustPointsForm } from "@/components/console/adjust-points-form";
import { CouponActionButton } from "@/components/console/coupon-action-button";
import { EraseMember } from "@/components/console/erase-member";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { can } from "@/lib/loyalty/roles";
import { getDb } from "@/lib/db";
import { programCurrency } from "@/lib/db/queries/program";
import { formatMoney } from "@/lib/i18n/money";
import { describeLedgerEntry } from "@/lib/loyalty/ledger-description";
import { loadMemberDossier } from "./dossier";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.members"))("title") };
}

/** One member as support sees them: standing, every ledger row, coupons, orders and what they sent. */
export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireCapability("members.read");
  const { id } = await params;
  const now = new Date();
  const dossier = await loadMemberDossier(id);
  if (!dossier) notFound();
  const [t, tAll, format, locale, currency] = await Promise.all([getTranslations("console.member"), getTranslations(), getFormatter(), getLocale(), getDb().then(programCurrency)]);
  const { profile, standing } = dossier;
  const tierName = (tier: { name: { de: string; en: string } } | null) => (tier ? (locale === "en" ? tier.name.en : tier.name.de) : t("tierNone"));
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  /** A coupon's state in staff's words: used (in which order, refunded since), the shop's part, support's part, else its validity. */
  const couponStatus = (coupon: (typeof dossier.wallet)[number]) => {
    if (coupon.usedAt) return [coupon.usedOrderId ? t("usedInOrder", { order: coupon.usedOrderId }) : t("used"), coupon.usedOrderRefunded && t("orderRefunded")].filter(Boolean).join(" · ");
    if (coupon.shopStatus === "failed") return t("shopRefused", { reason: coupon.shopError ?? "" });
    if (coupon.shopStatus === "pending") return t("shopPending");
    if (coupon.withdrawn?.reason === "cancelled") return t("withdrawnCancelled");
    if (coupon.withdrawn?.reason === "replaced") return t("withdrawnReplaced", { code: coupon.withdrawn.code });
    return coupon.expiresAt > now ? t("valid", { date: date(coupon.expiresAt) }) : t("expired");
  };
  const mayAdjust = can(staff.role, "members.adjust");
  return (
    <>
      <Link href="/console/members" className="mb-2 inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={profile.name ?? profile.email} intro={[profile.email, profile.shopCustomerId].filter(Boolean).join(" · ")} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <p className="text-sm text-stone-600">{t("balance")}</p>
          <p className="mt-1 text-3xl font-bold tabular-nums" data-testid="member-balance">
            {format.number(profile.balance)}
          </p>
          {profile.debt > 0 && <p className="mt-1 text-sm text-red-800">{t("debt")}: {format.number(profile.debt)}</p>}
        </Card>
        <Card>
          <p className="text-sm text-stone-600">{t("tier")}</p>
          <p className="mt-1 text-xl font-semibold">{tierName(standing.tier)}</p>
          <p className="text-sm text-stone-600">
            {t("spend")}: {formatMoney(locale, standing.spendCents, currency)}
            {standing.keptUntil && <> · {t("keptUntil", { date: date(standing.keptUntil) })}</>}
          </p>
          {standing.next && standing.toNextCents !== null && <p className="text-sm text-stone-600">{t("toNext", { amount: formatMoney(locale, standing.toNextCents, currency), tier: tierName(standing.next) })}</p>}
        </Card>
        <Card>
          <p className="text-sm text-stone-600">{t("consents")}</p>
          <ul className="mt-1 space-y-1 text-sm">
            <li>{t("pushDevices", { count: dossier.pushDevices })}</li>
            <li>{profile.pushMuted.length > 0 ? t("pushMuted", { categories: profile.pushMuted.join(", ") }) : t("pushAll")}</li>
            <li>{t("language", { locale: profile.locale ?? "–" })}</li>
            {profile.birthday && <li>{t("birthday", { date: profile.birthday })}</li>}
          </ul>
        </Card>
      </div>

      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        {mayAdjust && !profile.erasedAt && (
          <Card aria-labelledby="adjust-title">
            <CardHeader id="adjust-title" title={t("adjust")} hint={t("adjustIntro")} />
            <AdjustPointsForm memberId={profile.id} />
          </Card>
        )}
        {can(staff.role, "members.privacy") && (
          <Card aria-labelledby="privacy-title">
            <CardHeader id="privacy-title" title={t("privacy")} hint={profile.erasedAt ? t("erasedBadge", { date: date(profile.erasedAt) }) : t("eraseIntro")} />
            <div className="flex flex-wrap gap-2">
              <a href={`/api/console/members/${profile.id}/export`} download className={buttonClasses("secondary")}>
                {t("export")}
              </a>
              {!profile.erasedAt && profile.role === "member" && <EraseMember memberId={profile.id} />}
            </div>
          </Card>
        )}
      </div>

      <section className="mt-6 space-y-3" aria-labelledby="ledger-title">
        <h2 id="ledger-title" className="text-lg font-semibold">
          {t("ledger")}
        </h2>
        <Table caption={t("ledger")}>
          <thead>
            <tr>
              <Th>{t("when")}</Th>
              <Th>{t("kind")}</Th>
              <Th>{t("note")}</Th>
              <Th className="text-right">{t("delta")}</Th>
            </tr>
          </thead>
          <tbody>
            {dossier.ledger.map((row) => {
              const { key, values } = describeLedgerEntry(row.kind, row.sourceRef);
              return (
                <tr key={row.id} data-testid="ledger-row">
                  <Td className="whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "short", timeStyle: "short" })}</Td>
                  <Td>
                    {tAll(`ledger.${key}`, values)}
                    {row.ruleVersion !== null && <span className="ml-2 text-xs text-stone-600">{t("ruleVersion", { version: row.ruleVersion })}</span>}
                  </Td>
                  <Td>{row.note ?? "–"}</Td>
                  <Td className={`text-right font-semibold tabular-nums ${row.delta < 0 ? "text-red-800" : "text-brand-800"}`}>
                    {row.delta > 0 ? "+" : "−"}
                    {format.number(Math.abs(row.delta))}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </section>

      <section className="mt-6 space-y-3" aria-labelledby="coupons-title">
        <h2 id="coupons-title" className="text-lg font-semibold">
          {t("coupons")}
        </h2>
        {dossier.wallet.length === 0 ? (
          <p className="text-sm text-stone-600">{t("empty")}</p>
        ) : (
          <Table caption={t("coupons")}>
            <thead>
              <tr>
                <Th>{t("code")}</Th>
                <Th>{t("kind")}</Th>
                <Th>{t("status")}</Th>
                <Th>
                  <span className="sr-only">{t("cancelCoupon")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {dossier.wallet.map((coupon) => {
                const live = !coupon.usedAt && !coupon.withdrawn && coupon.expiresAt > now;
                const status = couponStatus(coupon);
                return (
                  <tr key={coupon.id} data-testid="coupon-row">
                    <Td className="font-mono text-xs">{coupon.code}</Td>
                    <Td>{locale === "en" ? coupon.terms.name.en : coupon.terms.name.de}</Td>
                    <Td>{status}</Td>
                    <Td className="text-right">
                      {mayAdjust && !coupon.usedAt && !coupon.withdrawn && coupon.shopStatus !== "failed" && (
                        <div className="flex justify-end gap-2">
                          <CouponActionButton couponId={coupon.id} code={coupon.code} mode="reissue" />
                          {live && <CouponActionButton couponId={coupon.id} code={coupon.code} mode="cancel" />}
                        </div>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </section>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <section className="space-y-3" aria-labelledby="orders-title">
          <h2 id="orders-title" className="text-lg font-semibold">
            {t("orders")}
          </h2>
          {dossier.orders.length === 0 ? (
            <p className="text-sm text-stone-600">{t("empty")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white">
              {dossier.orders.map((order) => (
                <li key={order.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                  <span>
                    #{order.shopOrderId} · {date(order.paidAt)}
                    {order.ruleVersion !== null && <span className="ml-2 text-xs text-stone-600">{t("ruleVersion", { version: order.ruleVersion })}</span>}
                  </span>
                  <span className="tabular-nums">
                    {formatMoney(locale, order.subtotalCents, order.currency)} · +{format.number(order.pointsEarned)}
                    {order.refundedCents > 0 && <span className="ml-2 text-red-800">{t("refunded", { amount: formatMoney(locale, order.refundedCents, order.currency) })}</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="space-y-3" aria-labelledby="submissions-title">
          <h2 id="submissions-title" className="text-lg font-semibold">
            {t("submissions")}
          </h2>
          {dossier.submissions.length === 0 ? (
            <p className="text-sm text-stone-600">{t("empty")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white">
              {dossier.submissions.map((s) => (
                <li key={s.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                  <span>
                    {s.kind} · {date(s.createdAt)}
                  </span>
                  <span>
                    {s.status}
                    {s.reason && <> · {s.reason}</>}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h2 className="pt-3 text-lg font-semibold">{t("referrals")}</h2>
          {dossier.referrals.length === 0 ? (
            <p className="text-sm text-stone-600">{t("empty")}</p>
          ) : (
            <ul className="divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white">
              {dossier.referrals.map((r) => (
                <li key={r.id} className="flex flex-wrap justify-between gap-2 px-4 py-3 text-sm">
                  <span className="break-all">{r.friendEmail}</span>
                  <span>
                    {r.status}
                    {r.reason && <> · {r.reason}</>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
