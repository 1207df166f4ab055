import { getTranslations } from "next-intl/server";
import { signInCsrfToken } from "@/components/auth/login-form";
import { buttonClasses } from "@/components/ui/button";
import { ForgetDeviceOnSubmit } from "./forget-device-on-submit";

/** next-auth's sign-out as a plain form; with script, the device forgets the shopper first. */
export async function SignOutButton() {
  const [t, csrfToken] = await Promise.all([getTranslations("profile"), signInCsrfToken()]);
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/login" />
      <ForgetDeviceOnSubmit className={buttonClasses("secondary", "w-full md:w-auto")}>{t("signOut")}</ForgetDeviceOnSubmit>
    </form>
  );
}
