"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

const LANGUAGES = ["de", "en"] as const;
type Language = (typeof LANGUAGES)[number];

/**
 * The sample product page (/storefront-preview) in a frame, in the language a shopper's page would
 * have: embed.js words its widgets by the page's <html lang>, so the choice reloads the frame.
 */
export function StorefrontPreview({ initial }: { initial: Language }) {
  const t = useTranslations("consoleStorefront.preview");
  const [lang, setLang] = useState<Language>(initial);
  const src = `/storefront-preview?lang=${lang}`;
  return (
    <div className="space-y-3">
      <div role="radiogroup" aria-labelledby="preview-language" className="flex items-center gap-3">
        <span id="preview-language" className="text-sm font-medium text-stone-700">
          {t("language")}
        </span>
        <span className="inline-flex rounded-xl bg-stone-100 p-1">
          {LANGUAGES.map((code) => (
            <label
              key={code}
              className="inline-flex min-h-10 cursor-pointer items-center rounded-lg px-3 text-sm font-semibold text-stone-600 has-[:checked]:bg-white has-[:checked]:text-brand-800 has-[:checked]:shadow-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-700"
            >
              <input type="radio" name="preview-language" value={code} checked={lang === code} onChange={() => setLang(code)} className="sr-only" />
              <span lang={code}>{t(code)}</span>
            </label>
          ))}
        </span>
      </div>
      <div className="overflow-hidden rounded-2xl border border-stone-200 bg-stone-50 shadow-inner">
        <iframe key={lang} src={src} lang={lang} title={t("frameTitle")} className="block h-[36rem] w-full bg-white" data-testid="storefront-preview" />
      </div>
      <p className="-mt-1 text-right">
        <a href={src} target="_blank" rel="noopener" className="inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
          {t("open")}
        </a>
      </p>
    </div>
  );
}
