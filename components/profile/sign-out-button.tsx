import { getTranslations } from "next-intl/server";
import { signInCsrfToken } from "@/components/auth/login-form";
import { buttonClasses } from "@/components/ui/button";
import { ForgetDeviceOnSubmit } from "./forget-device-on-submit";

/**
 * next-auth's sign-out as a plain form; with script, the device first forgets what it kept
 * (offline copies, push subscription, unsent answers). Profile and the console share it.
 */
export async function SignOutButton({ className = buttonClasses("secondary", "w-full md:w-auto") }: { className?: string }) {
  const [t, csrfToken] = await Promise.all([getTranslations("profile"), signInCsrfToken()]);
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/login" />
      <ForgetDeviceOnSubmit className={className}>{t("signOut")}</ForgetDeviceOnSubmit>
    </form>
  );
}
