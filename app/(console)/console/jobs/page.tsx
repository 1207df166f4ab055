import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { JobRetryButton } from "@/components/console/job-retry-button";
import { PageHeader } from "@/components/console/page-header";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { hasJobQueue, listJobOverview, type JobOverview } from "@/lib/db/queries/jobs";
import { JOB_SCHEDULE_LIST } from "@/lib/jobs/job-names";
import { lastBeat } from "@/lib/jobs/heartbeat";
import { cronWords, intervalWords } from "@/lib/jobs/schedule-words";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.jobs"))("title") };
}

/** A run's result in a line: its counts, or the error it failed with. */
function summary(output: unknown): string {
  if (output === null || output === undefined) return "";
  if (typeof output === "object" && "message" in output && typeof output.message === "string") return output.message;
  return Object.entries(output as Record<string, unknown>)
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(", ") || "–" : String(value)}`)
    .join(" · ");
}

/**
 * One entry per background job: what it does, when it runs (in words), its last success and last
 * failure with a retry; its recent runs stay folded, so every-minute jobs do not bury a failure.
 */
export default async function JobsPage() {
  await requireCapability("operations");
  const db = await getDb();
  const [t, format, queued] = await Promise.all([getTranslations("console.jobs"), getFormatter(), hasJobQueue(db)]);
  const names = JOB_SCHEDULE_LIST.map((job) => job.name);
  const overview: JobOverview[] = queued ? await listJobOverview(db, names) : names.map((name) => ({ name, lastSuccess: null, lastFailure: null, recent: [] }));
  const when = (at: Date | null) => (at ? format.dateTime(at, { dateStyle: "medium", timeStyle: "medium" }) : t("never"));
  const jobName = (name: string) => t(`names.${name}` as "names.upkeep");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <p className="mb-4 text-sm text-stone-700" data-testid="job-runner">
        {queued ? t("queue") : t("embedded")}
      </p>
      <ul className="space-y-3">
        {JOB_SCHEDULE_LIST.map((job) => {
          const { lastSuccess, lastFailure, recent } = overview.find((o) => o.name === job.name)!;
          // A failure older than the last success is history; the job works again.
          const failing = lastFailure && (!lastSuccess || (lastFailure.completedAt ?? lastFailure.createdAt) > (lastSuccess.completedAt ?? lastSuccess.createdAt));
          const schedule = queued ? cronWords(job.cron) : intervalWords(job.everyMs);
          const inFlight = recent.find((r) => r.state === "active" || r.state === "retry");
          return (
            <li key={job.name}>
              <Card data-testid={`job-${job.name}`} className={failing ? "border-red-300" : ""}>
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <h2 className="text-base font-semibold">{jobName(job.name)}</h2>
                  <p className="text-sm text-stone-700" data-testid="job-schedule">
                    {t(`every.${schedule.key}`, schedule.values)}
                    {inFlight && ` · ${t(inFlight.state === "active" ? "running" : "retrying")}`}
                  </p>
                </div>
                <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
                  <div data-testid="job-last-success">
                    <dt className="text-stone-600">{t("lastSuccess")}</dt>
                    <dd>
                      {when(queued ? (lastSuccess?.completedAt ?? null) : lastBeat(job.name))}
                      {lastSuccess && summary(lastSuccess.output) && <span className="block text-stone-600">{summary(lastSuccess.output)}</span>}
                    </dd>
                  </div>
                  <div data-testid="job-last-failure">
                    <dt className="text-stone-600">{t("lastFailure")}</dt>
                    <dd className={failing ? "font-semibold text-red-800" : ""}>
                      {lastFailure ? when(lastFailure.completedAt ?? lastFailure.createdAt) : t("noFailure")}
                      {lastFailure && <span className="block font-normal break-words">{summary(lastFailure.output)}</span>}
                      {lastFailure && <JobRetryButton job={job.name} id={lastFailure.id} />}
                    </dd>
                  </div>
                </dl>
                {queued && (
                  <details className="mt-3">
                    <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-800">{t("runs", { count: recent.length })}</summary>
                    {recent.length > 0 && (
                      <Table caption={t("recent")}>
                        <thead>
                          <tr>
                            <Th>{t("started")}</Th>
                            <Th>{t("state")}</Th>
                            <Th>{t("attempts")}</Th>
                            <Th>{t("duration")}</Th>
                            <Th>{t("result")}</Th>
                          </tr>
                        </thead>
                        <tbody>
                          {recent.map((run) => (
                            <tr key={run.id} data-testid="job-run">
                              <Td className="whitespace-nowrap">{when(run.startedAt ?? run.createdAt)}</Td>
                              <Td className={run.state === "failed" ? "font-semibold text-red-800" : ""}>{t(`states.${run.state}`)}</Td>
                              <Td className="tabular-nums">{run.attempts}</Td>
                              <Td className="tabular-nums">{run.startedAt && run.completedAt ? `${format.number((run.completedAt.getTime() - run.startedAt.getTime()) / 1000, { maximumFractionDigits: 1 })} s` : ""}</Td>
                              <Td className="max-w-xs truncate" title={summary(run.output)}>
                                {summary(run.output)}
                              </Td>
                            </tr>
                          ))}
                        </tbody>
                      </Table>
                    )}
                  </details>
                )}
              </Card>
            </li>
          );
        })}
      </ul>
    </>
  );
}
