"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { getConsoleJson } from "@/lib/console/client";

type Hit = { id: string; email: string; name: string | null; shopCustomerId: string | null; balance: number; tierId: string | null; createdAt: string };
type Page = { hits: Hit[]; hasMore: boolean };

/** Search as you type over the server's index; pages of 25 appended on "load more". */
export function MemberSearch({ tierNames }: { tierNames: Record<string, string> }) {
  const t = useTranslations("console.members");
  const format = useFormatter();
  const [query, setQuery] = useState("");
  const q = useDeferredValue(query.trim());
  const result = useInfiniteQuery({
    queryKey: ["members", q],
    queryFn: ({ pageParam, signal }) => getConsoleJson<Page>(`/api/console/members?q=${encodeURIComponent(q)}&offset=${pageParam}`, signal),
    initialPageParam: 0,
    getNextPageParam: (last, all) => (last.hasMore ? all.reduce((n, p) => n + p.hits.length, 0) : undefined),
    placeholderData: keepPreviousData,
  });
  const hits = result.data?.pages.flatMap((p) => p.hits) ?? [];
  return (
    <div className="space-y-4">
      <div role="search">
        <label htmlFor="member-search" className="block text-sm font-medium">
          {t("search")}
        </label>
        <input
          id="member-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t("searchPlaceholder")}
          autoComplete="off"
          className={`${inputClasses} max-w-xl`}
        />
      </div>
      <p aria-live="polite" className="text-sm text-stone-600">
        {result.isFetching ? t("loading") : hits.length === 0 && result.isSuccess ? t("none") : ""}
      </p>
      {hits.length > 0 && (
        <Table caption={t("search")}>
          <thead>
            <tr>
              <Th>{t("email")}</Th>
              <Th>{t("name")}</Th>
              <Th>{t("customerId")}</Th>
              <Th className="text-right">{t("balance")}</Th>
              <Th>{t("tier")}</Th>
              <Th>{t("joined")}</Th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.id} data-testid="member-hit" className="hover:bg-stone-50">
                <Td>
                  <Link href={`/console/members/${hit.id}`} className="font-medium text-brand-800 hover:underline">
                    {hit.email}
                  </Link>
                </Td>
                <Td>{hit.name ?? "–"}</Td>
                <Td className="font-mono text-xs">{hit.shopCustomerId ?? "–"}</Td>
                <Td className="text-right tabular-nums">{format.number(hit.balance)}</Td>
                <Td>{hit.tierId ? (tierNames[hit.tierId] ?? hit.tierId) : "–"}</Td>
                <Td className="whitespace-nowrap">{format.dateTime(new Date(hit.createdAt), { dateStyle: "medium" })}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {result.hasNextPage && (
        <Button variant="secondary" onClick={() => void result.fetchNextPage()} disabled={result.isFetchingNextPage}>
          {t("more")}
        </Button>
      )}
    </div>
  );
}
