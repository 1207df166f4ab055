"use client";

import { ErrorScreen } from "@/components/boundaries/error-screen";
import "./globals.css";

/** When even the root layout failed: the error screen in a page of its own. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="de">
      <body className="grid min-h-dvh place-items-center px-4">
        <ErrorScreen {...props} home="/" />
      </body>
    </html>
  );
}
