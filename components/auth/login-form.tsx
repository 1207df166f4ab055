"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MailIcon } from "@/components/ui/icons";
import { emailSchema } from "@/lib/validations/auth";

const knownErrors = ["InvalidEmail", "RateLimited", "Verification", "EmailSignin", "OAuthAccountNotLinked"] as const;
type KnownError = (typeof knownErrors)[number] | "default";

function errorKey(code: string | null | undefined): KnownError | null {
  if (!code) return null;
  return (knownErrors as readonly string[]).includes(code) ? (code as KnownError) : "default";
}

type Props = {
  callbackUrl: string;
  initialError?: string;
  /** A server action run with the address before the link is sent (the invite landing page claims its offer). */
  beforeSignIn?: (email: string) => Promise<void>;
  submitLabel?: string;
};

export function LoginForm({ callbackUrl, initialError, beforeSignIn, submitLabel }: Props) {
  const t = useTranslations("login");
  const router = useRouter();
  const [error, setError] = useState<KnownError | null>(errorKey(initialError));
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = emailSchema.safeParse(new FormData(event.currentTarget).get("email"));
    if (!parsed.success) {
      setError("InvalidEmail");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await beforeSignIn?.(parsed.data);
      const result = await signIn("email", { email: parsed.data, callbackUrl, redirect: false });
      if (!result || result.error) {
        setError(errorKey(result?.error) ?? "default");
        return;
      }
      router.push(`/login/check-email?email=${encodeURIComponent(parsed.data)}`);
    } catch {
      setError("EmailSignin");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor="email" className="block text-sm font-medium">
          {t("emailLabel")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          placeholder={t("emailPlaceholder")}
          aria-invalid={error === "InvalidEmail" || undefined}
          aria-describedby={error ? "login-error" : undefined}
          className="min-h-12 w-full rounded-xl border border-stone-300 bg-white px-3.5 text-base placeholder:text-stone-500 focus:border-brand-600 aria-invalid:border-red-600"
        />
      </div>
      {error && (
        <p id="login-error" role="alert" className="rounded-xl bg-red-50 px-3.5 py-2.5 text-sm text-red-800">
          {t(`errors.${error}`)}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="flex min-h-12 w-full items-center justify-center gap-2 rounded-xl bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        <MailIcon className="size-5" />
        {pending ? t("sending") : (submitLabel ?? t("submit"))}
      </button>
    </form>
  );
}
