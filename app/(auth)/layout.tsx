import { getTranslations } from "next-intl/server";
import { TreueMark } from "@/components/ui/icons";
import { getDb } from "@/lib/db";
import { getProgramName } from "@/lib/db/queries/program";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const [t, programName] = await Promise.all([getTranslations("app"), getDb().then(getProgramName)]);
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-stone-50 px-4 py-10">
      <main className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-3">
          <TreueMark className="size-10" />
          <div className="leading-tight">
            <p className="text-lg font-semibold">{programName ?? t("name")}</p>
            <p className="text-sm text-stone-600">{t("tagline")}</p>
          </div>
        </div>
        <div className="rounded-3xl border border-stone-200 bg-white p-6 shadow-sm md:p-8">{children}</div>
      </main>
    </div>
  );
}
