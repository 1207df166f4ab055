import { env } from "@/lib/env";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CampaignCancelButton } from "@/components/console/campaign-cancel-button";
import { CampaignForm } from "@/components/console/campaign-form";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listCampaigns } from "@/lib/db/queries/campaigns";
import { listAllRewards } from "@/lib/db/queries/console-program";
import { getProgramConfig } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.campaigns"))("title") };
}

export default async function CampaignsPage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const [t, format, locale, config, rewards, rows] = await Promise.all([getTranslations("console.campaigns"), getFormatter(), getLocale(), getProgramConfig(db), listAllRewards(db), listCampaigns(db)]);
  const named = (name: { de: string; en: string }) => (locale === "en" ? name.en : name.de);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="space-y-6">
        <Card aria-labelledby="campaign-new">
          <CardHeader id="campaign-new" title={t("new")} />
          <CampaignForm tiers={config.tiers.map((tier) => ({ id: tier.id, name: named(tier.name) }))} rewards={rewards.map(({ reward }) => ({ id: reward.id, name: named(reward.name) }))} whatsapp={Boolean(env().whatsapp)} />
        </Card>
        <Card aria-labelledby="campaign-list">
          <CardHeader id="campaign-list" title={t("list")} />
          {rows.length === 0 ? (
            <p className="text-sm text-stone-700">{t("empty")}</p>
          ) : (
            <Table caption={t("list")}>
              <thead>
                <tr>
                  <Th>{t("colName")}</Th>
                  <Th>{t("colWhen")}</Th>
                  <Th>{t("colStatus")}</Th>
                  <Th>{t("colResults")}</Th>
                  <Th>
                    <span className="sr-only">{t("cancel")}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id} data-testid="campaign-row">
                    <Td className="font-medium">{c.name}</Td>
                    <Td>{format.dateTime(c.sentAt ?? c.scheduledAt, { dateStyle: "medium", timeStyle: "short" })}</Td>
                    <Td>{t(`statuses.${c.status}`)}</Td>
                    <Td className="text-sm">{t("results", { audience: c.audience ?? 0, sent: c.sent, opened: c.opened, clicked: c.clicked, converted: c.converted })}</Td>
                    <Td>{(c.status === "scheduled" || c.status === "sending") && <CampaignCancelButton id={c.id} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
