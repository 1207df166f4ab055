import { permanentRedirect } from "next/navigation";

/** Moderation moved into the console; old bookmarks follow it. */
export default function StaffReviewsPage() {
  permanentRedirect("/console/moderation");
}
