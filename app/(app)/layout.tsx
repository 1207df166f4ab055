import { AppShell } from "@/components/shell/app-shell";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getProgramName } from "@/lib/db/queries/program";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  await requireMember();
  const programName = (await getProgramName(await getDb())) ?? "Treue";
  return <AppShell programName={programName}>{children}</AppShell>;
}
