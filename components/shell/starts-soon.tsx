import { getTranslations } from "next-intl/server";
import { TreueMark } from "@/components/ui/icons";

/** What shoppers see while the shop is still setting its program up. */
export async function StartsSoon({ shop }: { shop: string }) {
  const t = await getTranslations("soon");
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-6 text-center">
      <TreueMark className="size-16" />
      <h1 className="mt-6 text-2xl font-bold tracking-tight">{t("programTitle")}</h1>
      <p className="mt-2 text-stone-700" data-testid="starts-soon">
        {t("program", { shop })}
      </p>
    </main>
  );
}
