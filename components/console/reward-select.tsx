"use client";

import type { ComponentProps } from "react";
import { inputClasses } from "@/components/ui/field";

/** A choice of one of the program's rewards, or none (the empty first option). */
export function RewardSelect({ rewards, emptyLabel, ...select }: { rewards: { id: string; name: string }[]; emptyLabel: string } & ComponentProps<"select">) {
  return (
    <select {...select} className={inputClasses}>
      <option value="">{emptyLabel}</option>
      {rewards.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </select>
  );
}
