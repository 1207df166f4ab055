import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { ChallengesForm } from "@/components/console/challenges-form";
import { TaskEditor } from "@/components/console/task-editor";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import { listAllTasks } from "@/lib/db/queries/console-program";
import { getProgramConfig } from "@/lib/db/queries/program";
import { parseTaskConfig, type TaskKind } from "@/lib/loyalty/tasks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.tasks"))("heading") };
}

export default async function TasksConsolePage() {
  await requireCapability("program.edit");
  const db = await getDb();
  const [t, format, locale, rows, config] = await Promise.all([getTranslations("console.tasks"), getFormatter(), getLocale(), listAllTasks(db), getProgramConfig(db)]);
  return (
    <>
      <PageHeader title={t("heading")} intro={t("intro")} actions={<TaskEditor trigger={t("new")} />} />
      <Table caption={t("heading")}>
        <thead>
          <tr>
            <Th>{t("title")}</Th>
            <Th>{t("kind")}</Th>
            <Th className="text-right">{t("points")}</Th>
            <Th>{t("window")}</Th>
            <Th>
              <span className="sr-only">{t("edit")}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((task) => {
            const config = parseTaskConfig(task.config);
            const when = [config.validFrom, config.validUntil].map((d) => (d ? format.dateTime(new Date(d), { dateStyle: "short" }) : "…")).join(" – ");
            return (
              <tr key={task.id} data-testid="task-row">
                <Td>
                  <p className="font-medium">{locale === "en" ? task.title.en : task.title.de}</p>
                  <p className="font-mono text-xs text-stone-600">
                    {task.id}
                    {!task.active && <span className="ml-2 rounded-full bg-stone-200 px-2 py-0.5 font-sans font-semibold text-stone-700">{t("inactive")}</span>}
                  </p>
                </Td>
                <Td>{t(`kinds.${task.kind as TaskKind}`)}</Td>
                <Td className="text-right tabular-nums">{format.number(task.points)}</Td>
                <Td className="whitespace-nowrap">{config.validFrom || config.validUntil ? when : "–"}</Td>
                <Td className="text-right">
                  <TaskEditor trigger={t("edit")} task={{ id: task.id, kind: task.kind as TaskKind, title: task.title, description: task.description, points: task.points, position: task.position, active: task.active, config }} />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Card className="mt-8" aria-labelledby="challenges-title">
        <CardHeader id="challenges-title" title={t("challenges")} hint={t("challengesIntro")} />
        <ChallengesForm challenges={config.challenges} />
      </Card>
    </>
  );
}
