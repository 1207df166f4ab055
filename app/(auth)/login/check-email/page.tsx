import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MailIcon } from "@/components/ui/icons";
import { env } from "@/lib/env";
import { emailSchema } from "@/lib/validations/auth";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkEmail"))("title") };
}

export default async function CheckEmailPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const t = await getTranslations("checkEmail");
  const email = emailSchema.safeParse((await searchParams).email);
  return (
    <div className="space-y-4 text-center">
      <span className="mx-auto grid size-14 place-items-center rounded-2xl bg-brand-50 text-brand-700">
        <MailIcon className="size-7" />
      </span>
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <p className="text-stone-700">{email.success ? t("body", { email: email.data }) : t("bodyNoEmail")}</p>
      {env().mailboxEnabled && (
        <div className="rounded-2xl bg-gold-300/40 p-4 text-sm">
          <p>{t("mailboxHint")}</p>
          <a href="/dev/mailbox" className="mt-2 inline-block font-semibold text-brand-800 underline underline-offset-2">
            {t("openMailbox")}
          </a>
        </div>
      )}
      <a href="/login" className="inline-block text-sm font-medium text-brand-800 underline underline-offset-2">
        {t("back")}
      </a>
    </div>
  );
}
