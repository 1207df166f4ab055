import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TreueMark } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offline"))("title") };
}

/** Shown by the service worker when a screen is needed, the network is gone and no copy is cached. */
export default async function OfflinePage() {
  const t = await getTranslations("offline");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 bg-gradient-to-b from-brand-50 to-stone-50 px-6 text-center">
      <TreueMark className="size-14" />
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <p className="max-w-sm text-stone-700">{t("body")}</p>
      <a href="/" className="inline-flex min-h-12 items-center rounded-2xl bg-brand-700 px-5 font-semibold text-white hover:bg-brand-800">
        {t("retry")}
      </a>
    </main>
  );
}
