"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { useConsoleAction } from "./use-console-action";

/** Cancels an unused coupon after asking why; the points go back to the member. */
export function CancelCouponButton({ couponId, code }: { couponId: string; code: string }) {
  const t = useTranslations("console");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const action = useConsoleAction("coupons.cancel", { success: t("member.cancelled") });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("member.cancelCoupon")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`${t("member.cancelCoupon")}: ${code}`} closeLabel={t("moderation.close")}>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate({ couponId, reason }, { onSuccess: () => setOpen(false) });
          }}
        >
          <Field id={`cancel-${couponId}`} label={t("member.cancelReason")} error={action.fieldErrors["/reason"]}>
            <input {...describedBy(`cancel-${couponId}`, { error: action.fieldErrors["/reason"] })} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClasses} minLength={3} maxLength={300} required />
          </Field>
          <Button type="submit" variant="danger" disabled={action.isPending}>
            {t("member.cancelCoupon")}
          </Button>
        </form>
      </Dialog>
    </>
  );
}
