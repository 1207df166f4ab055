import type { Metadata } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { StorefrontOrigins } from "@/components/console/storefront-origins";
import { StorefrontPreview } from "@/components/console/storefront-preview";
import { StorefrontSnippets, type SnippetTab } from "@/components/console/storefront-snippets";
import { Card, CardHeader } from "@/components/ui/card";
import { ClientMessages } from "@/components/ui/client-messages";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { programCurrency } from "@/lib/db/queries/program";
import { readStorefrontOrigins } from "@/lib/db/queries/storefront-origins";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/i18n/money";
import { SAMPLE_PRICE_MINOR, SNIPPET_PLATFORMS, storefrontSnippets } from "@/lib/storefront/snippets";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consoleStorefront"))("title") };
}

/** Treue's address for the shop's pages: the configured public URL, else the one this page was asked at. */
async function treueUrl(): Promise<string> {
  const configured = env().publicUrl;
  if (configured) return new URL(configured).origin;
  // Next (and a proxy in front) name the scheme and host the browser used in the forwarded headers.
  const h = await headers();
  const first = (name: string) => h.get(name)?.split(",")[0]?.trim() || undefined;
  return `${first("x-forwarded-proto") ?? "http"}://${first("x-forwarded-host") ?? first("host") ?? "localhost:3000"}`;
}

/** Treue on the shop's own pages: which pages may show it, what to paste per platform, and how it looks. */
export default async function StorefrontPage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const [t, locale, currency, listed, url] = await Promise.all([getTranslations("consoleStorefront"), getLocale(), programCurrency(db), readStorefrontOrigins(db), treueUrl()]);
  const shopwareAppName = env().shopwareApp?.name ?? "TreueLoyalty";
  const snippets = storefrontSnippets({ treueUrl: url, currency, shopwareAppName, sampleCategory: t("sample.snippetCategory") });
  const block = (id: string) => `snippets.blocks.${id}` as "snippets.blocks.script";
  const tabs: SnippetTab[] = SNIPPET_PLATFORMS.map((platform) => ({
    id: platform,
    label: t(`snippets.platforms.${platform}`),
    intro: platform === "woocommerce" ? t("snippets.wooPlugin") : undefined,
    blocks: snippets[platform].map((s) => ({
      id: s.id,
      code: s.code,
      title: t(`${block(s.id)}.title`, { app: shopwareAppName }),
      copy: t(`${block(s.id)}.copy`),
      note: t.has(`${block(s.id)}.note` as "snippets.blocks.points.note") ? t(`${block(s.id)}.note` as "snippets.blocks.points.note", { currency }) : undefined,
    })),
  }));
  return (
    <ClientMessages namespaces={["console", "consoleStorefront"]}>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="origins-title" data-testid="storefront-origins">
            <CardHeader id="origins-title" title={t("origins.title")} hint={t("origins.hint")} />
            <StorefrontOrigins configured={env().storefrontOrigins} listed={listed} />
          </Card>
          <Card aria-labelledby="snippets-title" data-testid="storefront-snippets">
            <CardHeader id="snippets-title" title={t("snippets.title")} hint={t("snippets.hint", { example: formatMoney(locale, SAMPLE_PRICE_MINOR, currency) })} />
            <StorefrontSnippets label={t("snippets.label")} copied={t("snippets.copied")} tabs={tabs} />
          </Card>
        </div>
        <Card aria-labelledby="preview-title" className="xl:sticky xl:top-6" data-testid="storefront-preview-card">
          <CardHeader id="preview-title" title={t("preview.title")} hint={t("preview.hint")} />
          <StorefrontPreview initial={locale === "en" ? "en" : "de"} />
        </Card>
      </div>
    </ClientMessages>
  );
}
