import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/actions/set-locale";
import { locales } from "@/lib/i18n/config";

/** Works without JavaScript: each language is a submit button of one small form. */
export async function LanguageSwitch() {
  const [t, current] = await Promise.all([getTranslations(), getLocale()]);
  return (
    <fieldset>
      <legend className="text-sm font-medium">{t("profile.language")}</legend>
      <p className="text-sm text-stone-600">{t("profile.languageHint")}</p>
      <form action={setLocale} className="mt-3 inline-flex rounded-xl bg-stone-100 p-1">
        {locales.map((locale) => (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-pressed={locale === current}
            className={`min-h-10 rounded-lg px-4 text-sm font-semibold ${
              locale === current ? "bg-white text-brand-800 shadow-sm" : "text-stone-700 hover:text-stone-900"
            }`}
          >
            {t(`language.${locale}`)}
          </button>
        ))}
      </form>
    </fieldset>
  );
}
