"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/surveillance/replay", label: "Book replay" },
  { href: "/surveillance/detectors", label: "Detectors" },
  { href: "/surveillance/calibration", label: "Calibration" },
  { href: "/surveillance/halts", label: "Halts" },
  { href: "/surveillance/reference", label: "Reference data" },
  { href: "/surveillance/analytics", label: "Analytics" },
] as const;

export function SurveillanceTabs() {
  const pathname = usePathname();
  return (
    <nav className="subnav" aria-label="Surveillance">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname.startsWith(tab.href) ? "page" : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
