"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { eraseMemberSchema } from "@/lib/validations/console";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/** Erasure on request: a dialog that says what goes and what stays, confirmed by typing the address. */
export function EraseMember({ memberId }: { memberId: string }) {
  const t = useTranslations("console");
  const [open, setOpen] = useState(false);
  const [confirmEmail, setConfirmEmail] = useState("");
  const action = useConsoleAction("members.erase", { success: t("member.erased") });
  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          setConfirmEmail("");
          action.reset();
          setOpen(true);
        }}
      >
        {t("member.erase")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("member.erase")} closeLabel={t("moderation.close")}>
        <form
          noValidate
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.submit(eraseMemberSchema, { memberId, confirmEmail }, { onSuccess: () => setOpen(false) });
          }}
        >
          <p className="text-sm text-stone-700">{t("member.eraseIntro")}</p>
          <Field required id="erase-confirm" label={t("member.eraseConfirm")} error={action.fieldErrors["/confirmEmail"]}>
            <input {...describedBy("erase-confirm", { error: action.fieldErrors["/confirmEmail"] })} type="email" autoComplete="off" value={confirmEmail} onChange={(e) => setConfirmEmail(e.target.value)} className={inputClasses} />
          </Field>
          <FormErrorSummary {...action.summary} />
          <Button type="submit" variant="danger" disabled={action.isPending || confirmEmail.trim() === ""}>
            {t("member.erase")}
          </Button>
        </form>
      </Dialog>
    </>
  );
}
