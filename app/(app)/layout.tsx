import { AppShell } from "@/components/shell/app-shell";
import { StartsSoon } from "@/components/shell/starts-soon";
import { requireMember } from "@/lib/auth/session";
import { isStaffRole } from "@/lib/loyalty/roles";
import { getDb } from "@/lib/db";
import { getProgramFace } from "@/lib/db/queries/program";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const face = await getProgramFace(await getDb());
  const live = face?.launchedAt != null && face.launchedAt <= new Date();
  // Until the owner opens the program, shoppers see a friendly notice; staff see the app to check it.
  if (!live && !isStaffRole(member.role)) return <StartsSoon shop={face?.branding.shopName ?? face?.name ?? "Treue"} />;
  return (
    <AppShell programName={face?.name ?? "Treue"} logoUrl={face?.branding.logoUrl} legal={{ imprintUrl: face?.branding.imprintUrl, privacyUrl: face?.branding.privacyUrl }}>
      {children}
    </AppShell>
  );
}
