import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { RewardCodes } from "@/components/console/reward-codes";
import { RewardEditor } from "@/components/console/reward-editor";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listAllRewards } from "@/lib/db/queries/console-program";
import { getProgramConfig } from "@/lib/db/queries/program";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.rewards"))("title") };
}

export default async function RewardsConsolePage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const [t, locale, rows, config] = await Promise.all([getTranslations("console.rewards"), getLocale(), listAllRewards(db), getProgramConfig(db)]);
  const count = new Intl.NumberFormat(locale);
  const tiers = config.tiers.map((tier) => ({ id: tier.id, name: locale === "en" ? tier.name.en : tier.name.de }));
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} actions={<RewardEditor tiers={tiers} trigger={t("new")} currency={config.currency} />} />
      <Table caption={t("title")}>
        <thead>
          <tr>
            <Th>{t("name")}</Th>
            <Th>{t("kind")}</Th>
            <Th className="text-right">{t("cost")}</Th>
            <Th>{t("stock")}</Th>
            <Th>{t("minTier")}</Th>
            <Th>
              <span className="sr-only">{t("edit")}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ reward, freeCodes, issued }) => (
            <tr key={reward.id} data-testid="reward-row">
              <Td>
                <p className="font-medium">{locale === "en" ? reward.name.en : reward.name.de}</p>
                <p className="font-mono text-xs text-stone-600">
                  {reward.id}
                  {!reward.active && <span className="ml-2 rounded-full bg-stone-200 px-2 py-0.5 font-sans font-semibold text-stone-700">{t("inactive")}</span>}
                </p>
              </Td>
              <Td>{t(`kinds.${reward.kind}`)}</Td>
              <Td className="text-right tabular-nums">{count.format(reward.pointsCost)}</Td>
              <Td>
                {reward.stock === null ? t("unlimited") : count.format(reward.stock)}
                <span className="block text-xs text-stone-600">
                  {t("issued", { count: issued })}
                  {reward.usesCodePool && <> · {t("pool", { count: freeCodes })}</>}
                </span>
              </Td>
              <Td>{reward.minTierId ? (tiers.find((x) => x.id === reward.minTierId)?.name ?? reward.minTierId) : t("anyTier")}</Td>
              <Td className="text-right whitespace-nowrap">
                <div className="flex justify-end gap-2">
                  <RewardEditor
                    trigger={t("edit")}
                    currency={config.currency}
                    image={reward.image}
                    tiers={tiers}
                    reward={{
                      id: reward.id,
                      kind: reward.kind,
                      name: reward.name,
                      description: reward.description,
                      pointsCost: reward.pointsCost,
                      valueCents: reward.valueCents,
                      percentOff: reward.percentOff,
                      category: reward.category,
                      sku: reward.sku,
                      minOrderCents: reward.minOrderCents,
                      couponValidDays: reward.couponValidDays,
                      stock: reward.stock,
                      perMemberLimit: reward.perMemberLimit,
                      minTierId: reward.minTierId,
                      position: reward.position,
                      active: reward.active,
                      availableFrom: reward.availableFrom?.toISOString() ?? null,
                      availableUntil: reward.availableUntil?.toISOString() ?? null,
                      stepValueCents: reward.stepValueCents,
                      minValueCents: reward.minValueCents,
                      maxValueCents: reward.maxValueCents,
                    }}
                  />
                  <RewardCodes rewardId={reward.id} name={locale === "en" ? reward.name.en : reward.name.de} />
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
