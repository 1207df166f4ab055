import { getFormatter, getTranslations } from "next-intl/server";
import { Table, Td, Th } from "@/components/ui/table";
import type { ConnectorPlatform } from "@/lib/connectors/types";
import type { Database } from "@/lib/db/connect";
import { getDiscountSettings } from "@/lib/db/queries/connectors";
import { shopDiscountActivity } from "@/lib/db/queries/shop-discounts";
import { env } from "@/lib/env";
import { DiscountCheckButton, DiscountSettingsForm } from "./discount-forms";

/**
 * A connection's discounts in the shop (Console → Connections): the switch and access, the check,
 * the coupons waiting for the shop or refused by it, and the latest calls.
 */
export async function DiscountSection({ db, platform }: { db: Database; platform: ConnectorPlatform }) {
  const config = env();
  const [t, format, settings, activity] = await Promise.all([
    getTranslations("console.connections.discounts"),
    getFormatter(),
    getDiscountSettings(db, config.encryptionKey).then((all) => all.find((s) => s.platform === platform)),
    shopDiscountActivity(db, platform),
  ]);
  const fromEnv = platform !== "shopware" && Boolean(config.shopAdmin[platform]);
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "medium" }) : "–");
  return (
    <section aria-labelledby={`${platform}-discounts-title`} className="space-y-3 border-t border-stone-200 pt-4" data-testid={`${platform}-discounts`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 id={`${platform}-discounts-title`} className="text-sm font-semibold">
            {t("title")}
          </h3>
          <p className="text-sm text-stone-600">{t(`intro.${platform}`)}</p>
        </div>
        <DiscountCheckButton platform={platform} />
      </div>
      {fromEnv ? (
        <p className="text-sm text-stone-700" data-testid="discounts-from-env">
          {t("fromEnv")}
        </p>
      ) : (
        <DiscountSettingsForm platform={platform} enabled={settings?.enabled ?? false} adminUrl={settings?.adminUrl ?? null} hasAccess={Boolean(settings?.credentials)} />
      )}
      {activity.open.length > 0 && (
        <Table caption={t("open")}>
          <thead>
            <tr>
              <Th>{t("code")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("attempts")}</Th>
              <Th>{t("reason")}</Th>
            </tr>
          </thead>
          <tbody>
            {activity.open.map((coupon) => (
              <tr key={coupon.id} data-testid="discount-open-row">
                <Td className="font-mono text-xs">
                  <a className="text-brand-800 hover:underline" href={`/console/members/${coupon.memberId}`}>
                    {coupon.code}
                  </a>
                </Td>
                <Td>{t(`statuses.${coupon.status ?? "pending"}`, { next: when(coupon.nextAttemptAt) })}</Td>
                <Td>{coupon.attempts}</Td>
                <Td className="max-w-md break-words text-xs text-stone-700">{coupon.error ?? ""}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Table caption={t("calls")}>
        <thead>
          <tr>
            <Th>{t("at")}</Th>
            <Th>{t("action")}</Th>
            <Th>{t("outcome")}</Th>
            <Th>{t("detail")}</Th>
          </tr>
        </thead>
        <tbody>
          {activity.calls.length === 0 && (
            <tr>
              <Td colSpan={4} className="text-stone-600">
                {t("noCalls")}
              </Td>
            </tr>
          )}
          {activity.calls.map((call) => (
            <tr key={call.id} data-testid="discount-call-row">
              <Td className="whitespace-nowrap">{when(call.at)}</Td>
              <Td>{t(`actions.${call.action}`)}</Td>
              <Td>{t(`outcomes.${call.outcome}`, { ms: call.durationMs })}</Td>
              <Td className="max-w-md break-words text-xs text-stone-700">{call.detail ?? ""}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
