import { notFound } from "next/navigation";
import { requireCapability } from "@/lib/console/guard";
import { loadMemberDossier } from "./dossier";

/** An unknown member answers 404, checked above the segment's loading.tsx (a streamed page keeps its 200). */
export default async function MemberLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await requireCapability("members.read");
  if (!(await loadMemberDossier((await params).id))) notFound();
  return children;
}
