import type { Database } from "@nexus/db/client";
import { createUser, findUserByEmail } from "@nexus/db/queries/auth";
import { hashPassword } from "@nexus/services/users";

import type { Role } from "./roles";

export type DemoAccount = { email: string; password: string; role: Role };

/**
 * One demo account per role for the embedded default (`npm start`), which prints them at start.
 * The passwords are fixed and public on purpose: they exist only so a reviewer can sign in as each
 * role. Never seed them into a deployment that holds real data.
 *   compliance@demo.nexustrade.dev / demo-compliance
 *   trader@demo.nexustrade.dev     / demo-trader
 *   ops@demo.nexustrade.dev        / demo-ops
 *   admin@demo.nexustrade.dev      / demo-admin
 */
const DEMO_ACCOUNTS: ReadonlyArray<DemoAccount & { name: string }> = [
  {
    email: "compliance@demo.nexustrade.dev",
    password: "demo-compliance",
    role: "compliance",
    name: "Casey Compliance",
  },
  { email: "trader@demo.nexustrade.dev", password: "demo-trader", role: "trader", name: "Taylor Trader" },
  { email: "ops@demo.nexustrade.dev", password: "demo-ops", role: "ops", name: "Oakley Ops" },
  { email: "admin@demo.nexustrade.dev", password: "demo-admin", role: "admin", name: "Adrian Admin" },
];

/** Creates the demo accounts that do not exist yet (existing ones are left untouched); returns all of them. */
export async function seedDemoUsers(db: Database): Promise<DemoAccount[]> {
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByEmail(db, account.email)) continue;
    await createUser(db, {
      email: account.email,
      name: account.name,
      role: account.role,
      passwordHash: await hashPassword(account.password),
    });
  }
  return DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role }));
}
