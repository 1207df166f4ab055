"use client";

import { ErrorScreen } from "@/components/boundaries/error-screen";

export default function ScreenError(props: { error: Error & { digest?: string } }) {
  return <ErrorScreen {...props} home="/console" />;
}
