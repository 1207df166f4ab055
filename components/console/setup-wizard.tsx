"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { programSetupSchema } from "@/lib/validations/console";
import { TEXT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/** First run: no program yet. One name, then the default program to adjust. */
export function SetupWizard() {
  const t = useTranslations("console.setup");
  const [name, setName] = useState("");
  const action = useConsoleAction("program.setup", { success: t("started") });
  return (
    <Card className="border-brand-200" aria-labelledby="setup-title">
      <CardHeader id="setup-title" title={t("title")} hint={t("intro")} />
      <form
        noValidate
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          action.submit(programSetupSchema, { name });
        }}
      >
        <Field required id="setup-name" label={t("name")} error={action.fieldErrors["/name"]} className="min-w-64 flex-1">
          <input {...describedBy("setup-name", { error: action.fieldErrors["/name"] })} maxLength={TEXT.programName.max} value={name} onChange={(e) => setName(e.target.value)} className={inputClasses} />
        </Field>
        <Button type="submit" disabled={action.isPending}>
          {t("start")}
        </Button>
        <FormErrorSummary {...action.summary} className="basis-full" />
      </form>
    </Card>
  );
}

/** Set up but not open to shoppers yet. */
export function LaunchCard() {
  const t = useTranslations("console.setup");
  const action = useConsoleAction("program.launch", { success: t("launched") });
  return (
    <Card className="border-amber-300 bg-amber-50" aria-labelledby="launch-title">
      <CardHeader id="launch-title" title={t("launchTitle")} hint={t("launchIntro")} />
      <Button onClick={() => action.mutate({})} disabled={action.isPending}>
        {t("launch")}
      </Button>
    </Card>
  );
}
