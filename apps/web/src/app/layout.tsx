import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "../trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "NexusTrade", template: "%s · NexusTrade" },
  description: "Trade surveillance, portfolio risk and smart order routing.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
