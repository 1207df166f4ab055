"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { memberRoles, staffRoles, type MemberRole } from "@/lib/loyalty/roles";
import { staffInviteSchema } from "@/lib/validations/console";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

export function InviteStaffForm() {
  const t = useTranslations("console");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<(typeof staffRoles)[number]>("support");
  const action = useConsoleAction("staff.invite", { success: t("staff.invited", { email }) });
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        action.submit(staffInviteSchema, { email, role }, { onSuccess: () => setEmail("") });
      }}
    >
      <Field required id="invite-email" label={t("staff.email")} error={action.fieldErrors["/email"]} className="min-w-64 flex-1">
        <input {...describedBy("invite-email", { error: action.fieldErrors["/email"] })} type="email" value={email} onChange={(e) => setEmail(e.target.value)} className={inputClasses} required />
      </Field>
      <Field id="invite-role" label={t("staff.role")}>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} className={inputClasses}>
          {staffRoles.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Button type="submit" disabled={action.isPending}>
        {t("staff.send")}
      </Button>
      <FormErrorSummary {...action.summary} className="basis-full" />
    </form>
  );
}

/** A staff member's role as a select that saves on change; "No access" revokes. */
export function StaffRoleSelect({ memberId, email, role, locked }: { memberId: string; email: string; role: MemberRole; locked: boolean }) {
  const t = useTranslations("console");
  const action = useConsoleAction("staff.role", { success: t("staff.roleSaved") });
  return (
    <label className="block text-sm">
      <span className="sr-only">{t("staff.changeRole", { email })}</span>
      <select
        value={role}
        disabled={locked || action.isPending}
        onChange={(e) => action.mutate({ memberId, role: e.target.value })}
        className={`${inputClasses} mt-0 w-48`}
      >
        {memberRoles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
