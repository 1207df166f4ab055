import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { InviteStaffForm, StaffRoleSelect } from "@/components/console/staff-forms";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { capabilities, can, effectiveRole, staffRoles } from "@/lib/loyalty/roles";
import { getDb } from "@/lib/db";
import { listStaff } from "@/lib/db/queries/staff";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.staff"))("title") };
}

export default async function StaffPage() {
  const me = await requireCapability("staff.manage");
  const [t, team] = await Promise.all([getTranslations("console"), getDb().then(listStaff)]);
  const owners = env().ownerEmails;
  return (
    <>
      <PageHeader title={t("staff.title")} intro={t("staff.intro")} />
      <Card className="mb-6" aria-labelledby="invite-title">
        <CardHeader id="invite-title" title={t("staff.inviteTitle")} />
        <InviteStaffForm />
      </Card>
      <Table caption={t("staff.title")}>
        <thead>
          <tr>
            <Th>{t("staff.email")}</Th>
            <Th>{t("members.name")}</Th>
            <Th>{t("staff.role")}</Th>
          </tr>
        </thead>
        <tbody>
          {team.map((member) => {
            const envOwner = owners.includes(member.email);
            return (
              <tr key={member.id} data-testid="staff-row">
                <Td className="break-all">
                  {member.email}
                  {member.id === me.id && <span className="ml-2 text-xs text-stone-600">({t("staff.you")})</span>}
                </Td>
                <Td>{member.name ?? "–"}</Td>
                <Td>
                  <StaffRoleSelect memberId={member.id} email={member.email} role={effectiveRole(member.role, member.email, owners)} locked={envOwner || member.id === me.id} />
                  {envOwner && <span className="mt-1 block text-xs text-stone-600">{t("staff.envOwner")}</span>}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <section className="mt-8 space-y-3" aria-labelledby="caps-title">
        <h2 id="caps-title" className="text-lg font-semibold">
          {t("staff.capabilities")}
        </h2>
        <Table caption={t("staff.capabilities")}>
          <thead>
            <tr>
              <Th>
                <span className="sr-only">{t("staff.capabilities")}</span>
              </Th>
              {staffRoles.map((r) => (
                <Th key={r} className="text-center">
                  {t(`roles.${r}`)}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody>
            {capabilities.map((c) => (
              <tr key={c}>
                <Td>{t(`capabilities.${c}`)}</Td>
                {staffRoles.map((r) => (
                  <Td key={r} className="text-center">
                    {can(r, c) ? <span aria-label="✓">✓</span> : <span className="text-stone-600" aria-label="–">–</span>}
                  </Td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </>
  );
}
