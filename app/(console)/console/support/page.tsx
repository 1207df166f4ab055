import { redirect } from "next/navigation";

/** Support-Anfragen became Console → Gespräche ("Punkte fehlen?" claims are conversations now). */
export default function SupportPage() {
  redirect("/console/conversations");
}
