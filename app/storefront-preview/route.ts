// The sample product page of Console → Storefront (lib/storefront/preview-page.ts), in the frame's
// language (?lang=en|de). Public like /embed.js: it shows only the shop's name, colour and what a
// sample price earns, all of which the widget API tells any of the shop's pages anyway.
import type { NextRequest } from "next/server";
import { createTranslator } from "use-intl/core";
import { getDb } from "@/lib/db";
import { programCurrency } from "@/lib/db/queries/program";
import { getStorefrontBrand } from "@/lib/db/queries/storefront";
import { STOREFRONT_PREVIEW_POLICY } from "@/lib/http/security-headers";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import { previewLanguage, previewPage } from "@/lib/storefront/preview-page";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const lang = previewLanguage(request.nextUrl.searchParams.get("lang"));
  const db = await getDb();
  const [brand, currency] = await Promise.all([getStorefrontBrand(db), programCurrency(db)]);
  const t = createTranslator({ locale: lang, messages: lang === "en" ? en : de, namespace: "consoleStorefront.sample" });
  const texts = { product: t("product"), description: t("description"), addToCart: t("addToCart"), category: t("category"), note: t("note"), cart: t("cart") };
  return new Response(previewPage({ lang, shopName: brand?.name ?? "Treue", currency, texts }), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": STOREFRONT_PREVIEW_POLICY,
      // The console frames it (next.config.js sends SAMEORIGIN for this path instead of DENY).
      "x-frame-options": "SAMEORIGIN",
      "cache-control": "no-store",
    },
  });
}
