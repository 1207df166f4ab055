import { getTranslations } from "next-intl/server";

/** An honest placeholder for a tab whose feature has not shipped yet. */
export async function ComingSoon({ title, body, icon }: { title: string; body: string; icon: React.ReactNode }) {
  const t = await getTranslations("soon");
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold tracking-tight md:text-3xl">{title}</h1>
      <section className="flex flex-col items-center rounded-3xl border border-dashed border-stone-300 bg-white px-6 py-12 text-center">
        <span className="grid size-14 place-items-center rounded-2xl bg-brand-50 text-brand-700">{icon}</span>
        <h2 className="mt-4 font-semibold">{t("title")}</h2>
        <p className="mt-1 max-w-sm text-sm text-stone-600">{body}</p>
      </section>
    </div>
  );
}
