import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Table, Td, Th } from "@/components/ui/table";
import type { Database } from "@/lib/db/connect";
import { listShopApiDeliveries } from "@/lib/db/queries/shop-api-deliveries";
import { readShopApiSecret } from "@/lib/db/queries/shop-api-secret";
import { env } from "@/lib/env";
import { SHOP_SECRET_GRACE_HOURS } from "@/lib/shop-api/secret-grace";
import { shopEventsUrl } from "@/lib/shop-api/send-test-event";
import { ShopApiDeleteStoredButton, ShopApiSecretForm, ShopApiTestButton } from "./shop-api-forms";

/**
 * The shop's own backend (POST /api/v1/events) in Connections: the endpoint, the secret (from the
 * configuration, or made and rotated here), a signed test event and the latest deliveries.
 */
export async function ShopApiCard({ db, publicUrl }: { db: Database; publicUrl: string }) {
  const config = env();
  const [t, format, stored, deliveries] = await Promise.all([
    getTranslations("console.connections.shopApi"),
    getFormatter(),
    readShopApiSecret(db, config.encryptionKey),
    listShopApiDeliveries(db),
  ]);
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "medium" });
  const endpoint = shopEventsUrl(publicUrl);
  const fromEnv = Boolean(config.shopSecret);
  const previous = stored?.previous && stored.previous.validUntil > new Date() ? stored.previous : null;
  return (
    <Card aria-labelledby="shop-api-title" data-testid="connection-shop-api">
      <CardHeader id="shop-api-title" title={t("title")} hint={t("intro")} actions={<ShopApiTestButton />} />
      <dl className="mb-4 grid gap-3 text-sm md:grid-cols-[12rem_1fr]">
        <dt className="font-medium text-stone-700">{t("endpoint")}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <code className="break-all rounded-lg bg-stone-100 px-2 py-1" data-testid="shop-api-url">
            {endpoint}
          </code>
          <CopyButton text={endpoint} label={t("copyUrl")} done={t("copied")} variant="secondary" />
        </dd>
        <dt className="font-medium text-stone-700">{t("secretStatus")}</dt>
        <dd className="space-y-1" data-testid="shop-api-secret-state">
          {fromEnv ? (
            <>
              <p>{t("secretFromEnv")}</p>
              {stored && (
                <div className="flex flex-wrap items-center gap-3" data-testid="shop-api-stored-while-env">
                  <p className="text-amber-900">{t("storedWhileEnv", { hint: stored.hint })}</p>
                  <ShopApiDeleteStoredButton />
                </div>
              )}
            </>
          ) : stored ? (
            <>
              <p>{stored.setBy ? t("secretSetBy", { hint: stored.hint, when: when(stored.setAt), who: stored.setBy.name ?? stored.setBy.email }) : t("secretSet", { hint: stored.hint, when: when(stored.setAt) })}</p>
              {!stored.secret && <p className="text-amber-900">{t("secretUnreadable")}</p>}
              {previous && <p data-testid="shop-api-previous-secret">{t("previousValid", { hint: previous.hint ?? "", until: when(previous.validUntil) })}</p>}
            </>
          ) : (
            <p className="text-amber-900">{t("secretMissing")}</p>
          )}
        </dd>
      </dl>
      <div className="space-y-4">
        {!fromEnv && (
          <>
            <ShopApiSecretForm hasSecret={Boolean(stored)} graceHours={SHOP_SECRET_GRACE_HOURS} />
            <p className="text-sm text-stone-600">{t("graceNote", { hours: SHOP_SECRET_GRACE_HOURS })}</p>
          </>
        )}
        <Table caption={t("deliveries")}>
          <thead>
            <tr>
              <Th>{t("received")}</Th>
              <Th>{t("type")}</Th>
              <Th>{t("eventId")}</Th>
              <Th>{t("outcome")}</Th>
              <Th>{t("detail")}</Th>
            </tr>
          </thead>
          <tbody>
            {deliveries.length === 0 && (
              <tr>
                <Td colSpan={5} className="text-stone-600">
                  {t("noDeliveries")}
                </Td>
              </tr>
            )}
            {deliveries.map((d) => (
              <tr key={`${d.outcome}-${d.eventId}-${d.at.getTime()}`} data-testid="shop-api-delivery">
                <Td className="whitespace-nowrap">{when(d.at)}</Td>
                <Td className="font-mono text-xs">{d.type || "–"}</Td>
                <Td className="max-w-48 break-all font-mono text-xs">{d.eventId || "–"}</Td>
                <Td>
                  {t(`outcomes.${d.outcome}`)}
                  {d.count > 1 && <span className="ms-1 text-xs text-stone-600">{t("times", { count: d.count })}</span>}
                </Td>
                {/* A refusal quotes the shop's bytes: isolated, so right-to-left text cannot reorder the cell. */}
                <Td className="max-w-md break-words text-xs text-stone-700">{d.pointsDelta !== null ? t("points", { points: d.pointsDelta }) : d.detail ? <bdi>{d.detail}</bdi> : ""}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="text-xs text-stone-600">{t("unsignedNote")}</p>
      </div>
    </Card>
  );
}
