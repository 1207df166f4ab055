"use client";

import { forgetShopperOnDevice } from "@/lib/pwa/forget-shopper";

/**
 * The sign-out form's button: before the form goes, this device drops what it keeps of the
 * shopper (push subscription, offline copies, unsent answers), so the next person sees none of it.
 */
export function ForgetDeviceOnSubmit({ children, className }: { children: React.ReactNode; className: string }) {
  return (
    <button
      type="submit"
      className={className}
      onClick={async (event) => {
        const form = event.currentTarget.form;
        if (!form) return;
        event.preventDefault();
        await forgetShopperOnDevice();
        form.submit();
      }}
    >
      {children}
    </button>
  );
}
