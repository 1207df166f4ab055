"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import type { z } from "zod";
import { ConsoleProblem, errorsByPointer, issuePointers, postConsoleAction } from "@/lib/console/client";

/**
 * Sends a console action and reports back: a toast on success (and the server-rendered page is
 * refreshed), field errors by JSON pointer and a toast on a refusal.
 */
export function useConsoleAction<I, R = unknown>(name: string, { success, refresh = true, invalidate = [] }: { success: string | ((result: R) => string); refresh?: boolean; invalidate?: string[][] }) {
  const toast = useToast();
  const router = useRouter();
  const queries = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (input: I) => postConsoleAction<R>(name, input),
    onMutate: () => setFieldErrors({}),
    onSuccess: (result) => {
      toast(typeof success === "function" ? success(result) : success);
      for (const key of invalidate) void queries.invalidateQueries({ queryKey: key });
      if (refresh) router.refresh();
    },
    onError: (error) => {
      if (error instanceof ConsoleProblem) setFieldErrors(errorsByPointer(error.errors));
      toast(error.message, "error");
    },
  });
  /** Checks the input with the schema the server uses; sends it only if it passes, else shows the field errors. */
  const submit = (schema: z.ZodType, input: unknown, options?: Parameters<typeof mutation.mutate>[1]) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return setFieldErrors(errorsByPointer(issuePointers(parsed.error)));
    mutation.mutate(parsed.data as I, options);
  };
  return { ...mutation, submit, fieldErrors, setFieldErrors };
}
