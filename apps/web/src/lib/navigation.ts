import type { SessionUser } from "@nexus/api/auth";

type Role = SessionUser["role"];

export type NavItem = {
  href: string;
  label: string;
  /** Roles that see the entry; undefined means every signed-in person. */
  roles?: readonly Role[];
};

/**
 * The app's sections in menu order. The roles here only decide what the menu shows; each page and
 * each API procedure checks the role again on the server, so hiding an entry is never the guard.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/alerts", label: "Alerts", roles: ["compliance", "admin"] },
  { href: "/surveillance", label: "Surveillance", roles: ["compliance", "admin"] },
  { href: "/portfolio", label: "Portfolio", roles: ["trader", "compliance", "admin"] },
  { href: "/data-quality", label: "Data quality", roles: ["compliance", "admin"] },
  { href: "/routing", label: "Routing", roles: ["ops", "admin"] },
  { href: "/reports", label: "Best execution", roles: ["ops", "admin"] },
  { href: "/audit", label: "Audit log", roles: ["compliance", "admin"] },
  { href: "/api-keys", label: "API keys", roles: ["admin"] },
  { href: "/users", label: "Users", roles: ["admin"] },
  { href: "/simulation", label: "Simulation", roles: ["admin"] },
];

/** The section at `href`; throws for an unknown one, so a typo can never read as "open to all". */
export function sectionFor(href: string): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.href === href);
  if (item === undefined) throw new Error(`No navigation entry for ${href}`);
  return item;
}

/** True when `role` may open the section at `href` (sections without a role list are open to all). */
export function canOpen(role: Role, href: string): boolean {
  const { roles } = sectionFor(href);
  return roles === undefined || roles.includes(role);
}

/** The menu a person with `role` sees. */
export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === undefined || item.roles.includes(role));
}

/** True when `pathname` belongs to the section at `href` (`/` matches only itself). */
export function isActiveSection(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
