import { AppShell } from "@/components/shell/app-shell";
import { requireMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getProgramFace } from "@/lib/db/queries/program";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  await requireMember();
  const face = await getProgramFace(await getDb());
  return (
    <AppShell programName={face?.name ?? "Treue"} legal={{ imprintUrl: face?.branding.imprintUrl, privacyUrl: face?.branding.privacyUrl }}>
      {children}
    </AppShell>
  );
}
