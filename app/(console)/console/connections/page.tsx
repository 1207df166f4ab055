import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConnectorSecretForm, ConnectorTestButton, PaidStatusesForm } from "@/components/console/connector-forms";
import { DiscountSection } from "@/components/console/discount-section";
import { OrdersImport } from "@/components/console/orders-import";
import { PageHeader } from "@/components/console/page-header";
import { ShopApiCard } from "@/components/console/shop-api-card";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { connectorUrl } from "@/lib/connectors/send-test";
import { platforms } from "@/lib/connectors/types";
import { DEFAULT_PAID_STATUSES } from "@/lib/connectors/woocommerce";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { getConnectorSettings, listDeliveries, listShopwareShops } from "@/lib/db/queries/connectors";
import { shopwareManifest } from "@/lib/connectors/shopware-manifest";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.connections"))("title") };
}

/** The shop API, then per platform: the URL to paste, the secret, the set-up steps, a test, the latest 50 deliveries. */
export default async function ConnectionsPage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const config = env();
  const [t, ti, format, connections, shopwareShops, shopwareDeliveries] = await Promise.all([
    getTranslations("console.connections"),
    getTranslations("console.import"),
    getFormatter(),
    Promise.all(platforms.map(async (platform) => ({ platform, settings: await getConnectorSettings(db, platform, config.encryptionKey), deliveries: await listDeliveries(db, platform) }))),
    listShopwareShops(db),
    listDeliveries(db, "shopware"),
  ]);
  const deliveriesTable = (deliveries: Awaited<ReturnType<typeof listDeliveries>>) => (
    <Table caption={t("deliveries")}>
      <thead>
        <tr>
          <Th>{t("received")}</Th>
          <Th>{t("topic")}</Th>
          <Th>{t("outcome")}</Th>
          <Th>{t("detail")}</Th>
        </tr>
      </thead>
      <tbody>
        {deliveries.length === 0 && (
          <tr>
            <Td colSpan={4} className="text-stone-600">
              {t("noDeliveries")}
            </Td>
          </tr>
        )}
        {deliveries.map((d) => (
          <tr key={d.id} data-testid="delivery-row">
            <Td className="whitespace-nowrap">{format.dateTime(d.receivedAt, { dateStyle: "short", timeStyle: "medium" })}</Td>
            <Td className="font-mono text-xs">{d.topic || "–"}</Td>
            <Td>{t(`outcomes.${d.outcome}`)}</Td>
            <Td className="max-w-md break-words text-xs text-stone-700">{d.detail ?? ""}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
  const publicUrl = config.publicUrl ?? "https://treue.example";
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="space-y-8">
        <ShopApiCard db={db} publicUrl={publicUrl} />
        {connections.map(({ platform, settings, deliveries }) => {
          const fromEnv = Boolean(config.connectorSecrets[platform]);
          // Numbered "1", "2", … in the catalogue: as many as a platform's set-up has.
          const steps: string[] = [];
          while (t.has(`steps.${platform}.${steps.length + 1}`)) steps.push(t(`steps.${platform}.${steps.length + 1}`));
          return (
            <Card key={platform} aria-labelledby={`${platform}-title`} data-testid={`connection-${platform}`}>
              <CardHeader id={`${platform}-title`} title={t(`platforms.${platform}`)} actions={<ConnectorTestButton platform={platform} />} />
              <dl className="mb-4 grid gap-3 text-sm md:grid-cols-[12rem_1fr]">
                <dt className="font-medium text-stone-700">{t("url")}</dt>
                <dd>
                  <code className="break-all rounded-lg bg-stone-100 px-2 py-1" data-testid="connector-url">
                    {connectorUrl(publicUrl, platform)}
                  </code>
                </dd>
                <dt className="font-medium text-stone-700">{t("secretStatus")}</dt>
                <dd data-testid="connector-secret-state">
                  {settings.secretHint ? t("secretSet", { hint: settings.secretHint }) : fromEnv ? t("secretFromEnv") : t("secretMissing")}
                </dd>
              </dl>
              <div className="space-y-4">
                <ConnectorSecretForm platform={platform} hasSecret={Boolean(settings.secretHint)} />
                {platform === "woocommerce" && <PaidStatusesForm current={settings.paidStatuses ?? DEFAULT_PAID_STATUSES} />}
                <details className="text-sm">
                  <summary className="min-h-11 cursor-pointer py-2 font-semibold text-brand-800">{t("setup")}</summary>
                  <ol className="list-decimal space-y-1 pl-5 text-stone-700">
                    {steps.map((step) => (
                      <li key={step}>{step}</li>
                    ))}
                  </ol>
                </details>
                {deliveriesTable(deliveries)}
                <DiscountSection db={db} platform={platform} />
              </div>
            </Card>
          );
        })}
        <Card aria-labelledby="shopware-title" data-testid="connection-shopware">
          <CardHeader id="shopware-title" title={t("shopwareTitle")} hint={t("shopwareIntro")} />
          <div className="space-y-4">
            {!config.shopwareApp && <p className="text-sm text-amber-900">{t("shopwareNotConfigured")}</p>}
            <pre className="max-h-72 overflow-auto rounded-2xl bg-stone-100 p-4 text-xs" data-testid="shopware-manifest">
              {shopwareManifest(publicUrl, config.shopwareApp?.name ?? "TreueLoyalty")}
            </pre>
            <section aria-labelledby="shopware-shops-title">
              <h3 id="shopware-shops-title" className="mb-2 text-sm font-semibold">
                {t("shopwareShops")}
              </h3>
              {shopwareShops.length === 0 ? (
                <p className="text-sm text-stone-600">{t("shopwareNoShops")}</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {shopwareShops.map((shop) => (
                    <li key={shop.shopId}>
                      <span className="font-mono">{shop.shopUrl}</span> ({shop.shopId}) – {shop.confirmedAt ? t("shopwareConfirmed") : t("shopwarePending")}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {deliveriesTable(shopwareDeliveries)}
            <DiscountSection db={db} platform="shopware" />
          </div>
        </Card>
        <Card aria-labelledby="import-title" data-testid="orders-import">
          <CardHeader id="import-title" title={ti("title")} hint={ti("intro")} />
          <OrdersImport />
        </Card>
      </div>
    </>
  );
}
