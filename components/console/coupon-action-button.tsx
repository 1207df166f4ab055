"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

const modes = {
  cancel: { action: "coupons.cancel", label: "cancelCoupon", reason: "cancelReason", variant: "danger" },
  reissue: { action: "coupons.reissue", label: "reissue", reason: "reissueReason", variant: "secondary" },
} as const;

/** Cancel (points back) or reissue (a fresh code, same terms) a coupon, after asking why. */
export function CouponActionButton({ couponId, code, mode }: { couponId: string; code: string; mode: keyof typeof modes }) {
  const t = useTranslations("console");
  const m = modes[mode];
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const action = useConsoleAction<unknown, { code?: string }>(m.action, { success: (r) => (r.code ? t("member.reissued", { code: r.code }) : t("member.cancelled")) });
  const id = `${mode}-${couponId}`;
  return (
    <>
      <Button
        variant={m.variant}
        onClick={() => {
          // A dialog opens fresh: no reason or error left from an earlier attempt.
          setReason("");
          action.reset();
          setOpen(true);
        }}
      >
        {t(`member.${m.label}`)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`${t(`member.${m.label}`)}: ${code}`} closeLabel={t("moderation.close")}>
        <form
          noValidate
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate({ couponId, reason }, { onSuccess: () => setOpen(false) });
          }}
        >
          <Field required id={id} label={t(`member.${m.reason}`)} error={action.fieldErrors["/reason"]}>
            <input {...describedBy(id, { error: action.fieldErrors["/reason"] })} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClasses} maxLength={300} />
          </Field>
          <Button type="submit" variant={m.variant} disabled={action.isPending}>
            {t(`member.${m.label}`)}
          </Button>
          <FormErrorSummary {...action.summary} />
        </form>
      </Dialog>
    </>
  );
}
