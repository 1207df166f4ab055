import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="grid min-h-dvh place-items-center px-4 text-center">
      <div>
        <p className="text-5xl font-bold text-brand-700">404</p>
        <h1 className="mt-2 text-xl font-semibold">{t("title")}</h1>
        <a href="/" className="mt-4 inline-block font-medium text-brand-800 underline underline-offset-2">
          {t("back")}
        </a>
      </div>
    </main>
  );
}
