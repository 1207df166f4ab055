import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EarnRuleForm } from "@/components/console/earn-rule-form";
import { PageHeader } from "@/components/console/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listEarnRuleVersions } from "@/lib/db/queries/console-program";
import { earnRuleAt, getProgramConfig } from "@/lib/db/queries/program";
import { currencyUnitName } from "@/lib/i18n/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.earning"))("title") };
}

export default async function EarningPage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const now = new Date();
  const [t, format, locale, config, versions] = await Promise.all([getTranslations("console.earning"), getFormatter(), getLocale(), getProgramConfig(db), listEarnRuleVersions(db)]);
  const current = earnRuleAt(config, now);
  // The form starts from the newest version (a scheduled one, if any), so a second edit builds on it.
  const latest = config.earnRuleVersions.at(-1)?.rule ?? current.rule;
  const tiers = config.tiers.map((tier) => ({ name: locale === "en" ? tier.name.en : tier.name.de, multiplierPercent: tier.multiplierPercent }));
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <EarnRuleForm rule={latest} tiers={tiers} currency={config.currency} />
      {versions.length > 0 && (
        <section className="mt-8 space-y-3" aria-labelledby="versions-title">
          <h2 id="versions-title" className="text-lg font-semibold">
            {t("versions")}
          </h2>
          <Table caption={t("versions")}>
            <thead>
              <tr>
                <Th>{t("version")}</Th>
                <Th>{t("from")}</Th>
                <Th>{t("pointsPerUnit", { currency: currencyUnitName(locale, config.currency) })}</Th>
                <Th>{t("campaigns")}</Th>
                <Th>
                  <span className="sr-only">{t("current")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((v) => {
                const rule = v.rule as { pointsPerUnit?: number; campaigns?: unknown[] };
                return (
                  <tr key={v.version} data-testid="rule-version">
                    <Td>v{v.version}</Td>
                    <Td>{format.dateTime(v.effectiveFrom, { dateStyle: "medium", timeStyle: "short" })}</Td>
                    <Td>{rule.pointsPerUnit ?? 1}</Td>
                    <Td>{rule.campaigns?.length ?? 0}</Td>
                    <Td>
                      {v.version === current.version && <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-800">{t("current")}</span>}
                      {v.effectiveFrom > now && <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-900">{t("scheduled")}</span>}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </section>
      )}
    </>
  );
}
