import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { JobRetryButton } from "@/components/console/job-retry-button";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { hasJobQueue, listJobRuns, type JobRun } from "@/lib/db/queries/jobs";
import { JOB_SCHEDULE_LIST } from "@/lib/jobs/job-names";
import { lastBeat } from "@/lib/jobs/heartbeat";

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

/** What runs in the background, when it last ran, and every recent run with a retry for a failed one. */
export default async function JobsPage() {
  await requireCapability("operations");
  const db = await getDb();
  const [t, format, queued] = await Promise.all([getTranslations("console.jobs"), getFormatter(), hasJobQueue(db)]);
  const runs: JobRun[] = queued ? await listJobRuns(db, JOB_SCHEDULE_LIST.map((job) => job.name), { limit: 60 }) : [];
  const when = (at: Date | null) => (at ? format.dateTime(at, { dateStyle: "medium", timeStyle: "medium" }) : t("never"));
  const lastRun = (name: string) => (queued ? (runs.find((r) => r.name === name && r.completedAt)?.completedAt ?? null) : lastBeat(name));
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <p className="mb-4 text-sm text-stone-700" data-testid="job-runner">
        {queued ? t("queue") : t("embedded")}
      </p>
      <Table caption={t("title")} className="mb-8">
        <thead>
          <tr>
            <Th>{t("job")}</Th>
            <Th>{t("schedule")}</Th>
            <Th>{t("lastRun")}</Th>
          </tr>
        </thead>
        <tbody>
          {JOB_SCHEDULE_LIST.map((job) => (
            <tr key={job.name} data-testid={`job-${job.name}`}>
              <Td className="font-medium">{t(`names.${job.name}` as "names.upkeep")}</Td>
              <Td>
                <code>{job.cron}</code>
              </Td>
              <Td>{when(lastRun(job.name))}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {queued && (
        <Card>
          <CardHeader title={t("recent")} />
          {runs.length === 0 ? (
            <p className="text-sm text-stone-700">{t("empty")}</p>
          ) : (
            <Table caption={t("recent")}>
              <thead>
                <tr>
                  <Th>{t("started")}</Th>
                  <Th>{t("job")}</Th>
                  <Th>{t("state")}</Th>
                  <Th>{t("attempts")}</Th>
                  <Th>{t("duration")}</Th>
                  <Th>{t("result")}</Th>
                  <Th>
                    <span className="sr-only">{t("retry")}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id} data-testid="job-run">
                    <Td className="whitespace-nowrap">{when(run.startedAt ?? run.createdAt)}</Td>
                    <Td>{t(`names.${run.name}` as "names.upkeep")}</Td>
                    <Td className={run.state === "failed" ? "font-semibold text-red-800" : ""}>{t(`states.${run.state}`)}</Td>
                    <Td className="tabular-nums">{run.attempts}</Td>
                    <Td className="tabular-nums">{run.startedAt && run.completedAt ? `${format.number((run.completedAt.getTime() - run.startedAt.getTime()) / 1000, { maximumFractionDigits: 1 })} s` : ""}</Td>
                    <Td className="max-w-xs truncate" title={summary(run.output)}>
                      {summary(run.output)}
                    </Td>
                    <Td>{run.state === "failed" && <JobRetryButton job={run.name} id={run.id} />}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      )}
    </>
  );
}
