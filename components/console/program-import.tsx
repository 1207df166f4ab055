"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClasses } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

/** Picks a program document and sends it; the server checks it with the same schemas as every form. */
export function ProgramImport() {
  const t = useTranslations("console.document");
  const toast = useToast();
  const fileInput = useRef<HTMLInputElement>(null);
  const action = useConsoleAction("program.import", { success: t("imported") });
  const problems = Object.entries(action.fieldErrors);
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        // Read from the input itself when sent: a file chosen before the page's script ran is
        // there too (an onChange would never have seen it, and the button would stay disabled).
        const file = fileInput.current?.files?.[0];
        if (!file) {
          toast(t("noFile"), "error");
          fileInput.current?.focus();
          return;
        }
        let doc: unknown;
        try {
          doc = JSON.parse(await file.text());
        } catch {
          toast(t("notJson"), "error");
          return;
        }
        action.mutate(doc);
      }}
    >
      <Field required id="program-file" label={t("file")}>
        <input
          ref={fileInput}
          id="program-file"
          // A refused document is the file's fault: the file field is what needs attention.
          aria-invalid={problems.length > 0 ? true : undefined}
          aria-describedby={problems.length > 0 ? "program-file-error" : undefined}
          type="file"
          accept="application/json,.json"
          className={`${inputClasses} py-2`}
        />
      </Field>
      {problems.length > 0 && (
        <ul id="program-file-error" className="space-y-1 rounded-2xl bg-red-50 p-3 text-sm text-red-900" data-testid="import-problems">
          {problems.map(([pointer, detail]) => (
            <li key={pointer}>
              <code className="font-mono text-xs">{pointer}</code>: {detail}
            </li>
          ))}
        </ul>
      )}
      <FormErrorSummary {...action.summary} />
      <Button type="submit" disabled={action.isPending}>
        {t("import")}
      </Button>
    </form>
  );
}
