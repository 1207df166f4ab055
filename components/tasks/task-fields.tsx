import { getLocale, getTranslations } from "next-intl/server";
import type { TaskOffer } from "@/lib/db/queries/tasks";
import type { Locale } from "@/lib/i18n/config";
import type { SurveyQuestion } from "@/lib/loyalty/tasks";

const field = "block w-full rounded-xl border border-stone-300 bg-white px-3.5 text-base focus:border-brand-600";
const choice =
  "flex min-h-11 cursor-pointer items-center justify-center rounded-xl border border-stone-300 bg-white px-3 text-sm font-semibold has-[:checked]:border-brand-700 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600";

/** The review form's fields: which bought product, 1–5 stars, the text. */
export async function ReviewFields({ offer, selected }: { offer: TaskOffer; selected?: string | undefined }) {
  const t = await getTranslations("tasks.review");
  return (
    <>
      <div className="space-y-1.5">
        <label htmlFor="review-sku" className="block text-sm font-medium">
          {t("product")}
        </label>
        <select id="review-sku" name="sku" required defaultValue={offer.products.some((p) => p.sku === selected) ? selected : undefined} className={`${field} min-h-12`}>
          {offer.products.map((p) => (
            <option key={p.sku} value={p.sku}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium">{t("rating")}</legend>
        <div className="grid grid-cols-5 gap-2">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={choice}>
              <input type="radio" name="rating" value={n} required className="sr-only" />
              <span aria-hidden="true">{"★".repeat(n)}</span>
              <span className="sr-only">{t("stars", { count: n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1.5">
        <label htmlFor="review-text" className="block text-sm font-medium">
          {t("text")}
        </label>
        <textarea id="review-text" name="text" rows={5} required minLength={offer.task.config.minTextLength} maxLength={4_000} aria-describedby="review-text-hint" className={`${field} py-2.5`} />
        <p id="review-text-hint" className="text-xs text-stone-600">
          {t("textHint", { min: offer.task.config.minTextLength })}
        </p>
      </div>
    </>
  );
}

/** A survey's questions as form fields (names are the question ids). */
export async function SurveyFields({ questions }: { questions: SurveyQuestion[] }) {
  const [t, locale] = await Promise.all([getTranslations("tasks.survey"), getLocale() as Promise<Locale>]);
  return (
    <>
      {questions.map((q) => {
        switch (q.type) {
          case "nps":
          case "scale": {
            const [min, max] = q.type === "nps" ? [0, 10] : [q.min, q.max];
            return (
              <fieldset key={q.id} className="space-y-2">
                <legend className="text-sm font-medium">{q.label[locale]}</legend>
                <div className="grid grid-cols-6 gap-1.5 sm:grid-cols-11">
                  {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((n) => (
                    <label key={n} className={choice}>
                      <input type="radio" name={q.id} value={n} required className="sr-only" />
                      {n}
                    </label>
                  ))}
                </div>
                {q.type === "nps" && (
                  <p className="flex justify-between text-xs text-stone-600" aria-hidden="true">
                    <span>{t("npsLow")}</span>
                    <span>{t("npsHigh")}</span>
                  </p>
                )}
              </fieldset>
            );
          }
          case "single":
          case "multiple":
            return (
              <fieldset key={q.id} className="space-y-2">
                <legend className="text-sm font-medium">{q.label[locale]}</legend>
                <div className="grid gap-2 sm:grid-cols-2">
                  {q.options.map((option, i) => (
                    <label key={i} className={`${choice} justify-start`}>
                      <input type={q.type === "single" ? "radio" : "checkbox"} name={q.type === "single" ? q.id : `${q.id}[]`} value={i} required={q.type === "single"} className="sr-only" />
                      {option[locale]}
                    </label>
                  ))}
                </div>
              </fieldset>
            );
          case "text":
            return (
              <div key={q.id} className="space-y-1.5">
                <label htmlFor={`q-${q.id}`} className="block text-sm font-medium">
                  {q.label[locale]} {!q.required && <span className="font-normal text-stone-600">{t("optional")}</span>}
                </label>
                <textarea id={`q-${q.id}`} name={q.id} rows={3} required={q.required} maxLength={q.maxLength} className={`${field} py-2.5`} />
              </div>
            );
        }
      })}
    </>
  );
}
