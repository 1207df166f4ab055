"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import type { z } from "zod";
import type { ConsoleActionName } from "@/lib/console/action-names";
import { ConsoleProblem, errorsByPointer, postConsoleAction } from "@/lib/console/client";
import { localizedIssues, type Translate } from "@/lib/validations/issue-message";

/**
 * Sends a console action and reports back: a toast on success (and the server-rendered page is
 * refreshed), field errors by JSON pointer in the staff member's language and a toast on a
 * refusal. `failedAttempt` counts failed saves, so the form's summary moves focus on every one.
 * `name` is typed by the console's one list of actions (lib/console/action-names.ts): a screen
 * names an action that exists, or the type check fails (not the request in a staff member's browser).
 */
export function useConsoleAction<I, R = unknown>(
  name: ConsoleActionName,
  { success, refresh = true, invalidate = [], currency }: { success: string | ((result: R) => string); refresh?: boolean; invalidate?: string[][]; currency?: string },
) {
  const toast = useToast();
  const router = useRouter();
  const queries = useQueryClient();
  const t = useTranslations("console") as unknown as Translate;
  const locale = useLocale();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failedAttempt, setFailedAttempt] = useState(0);
  const showErrors = (errors: Record<string, string>) => {
    setFieldErrors(errors);
    setFailedAttempt((n) => n + 1);
  };
  const mutation = useMutation({
    mutationFn: (input: I) => postConsoleAction<R>(name, input),
    onMutate: () => setFieldErrors({}),
    onSuccess: (result) => {
      toast(typeof success === "function" ? success(result) : success);
      for (const key of invalidate) void queries.invalidateQueries({ queryKey: key });
      if (refresh) router.refresh();
    },
    onError: (error) => {
      if (error instanceof ConsoleProblem && error.errors.length > 0) showErrors(errorsByPointer(error.errors));
      toast(error.message, "error");
    },
  });
  /** A zod failure as the form's field errors, in the page's language. */
  const issueErrors = (error: z.ZodError) => errorsByPointer(localizedIssues(error.issues, t, { locale, currency }));
  /** Shows a failed check: the errors at their fields, the summary, focus on the first. */
  const showIssues = (error: z.ZodError) => showErrors(issueErrors(error));
  /** Checks the input with the schema the server uses; sends it only if it passes, else shows the field errors. */
  const submit = (schema: z.ZodType, input: unknown, options?: Parameters<typeof mutation.mutate>[1]) => {
    const parsed = schema.safeParse(input, { reportInput: true });
    if (!parsed.success) return showIssues(parsed.error);
    mutation.mutate(parsed.data as I, options);
  };
  /** Clears what a previous attempt showed (a dialog opened afresh). */
  const reset = () => {
    setFieldErrors({});
    mutation.reset();
  };
  return { ...mutation, submit, fieldErrors, setFieldErrors, showErrors, showIssues, issueErrors, failedAttempt, summary: { errors: fieldErrors, attempt: failedAttempt }, reset };
}
