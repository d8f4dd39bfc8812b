import { describe, expect, it } from "vitest";
import { formatUserTable } from "./users.js";

const account = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Adrian Admin",
  role: "admin" as const,
  createdAt: new Date("2025-03-03T14:30:59Z"),
};

describe("formatUserTable", () => {
  it("aligns email, name, role, status, created and last sign-in under a header", () => {
    expect(
      formatUserTable([
        {
          ...account,
          email: "admin@example.com",
          disabledAt: null,
          lastSignInAt: new Date("2025-03-04T08:00:00Z"),
        },
        {
          ...account,
          email: "t@example.com",
          name: "Taylor",
          role: "trader",
          disabledAt: new Date("2025-03-05T09:15:00Z"),
          lastSignInAt: null,
        },
      ]),
    ).toEqual([
      "EMAIL              NAME          ROLE    STATUS                      CREATED            LAST SIGN-IN",
      "admin@example.com  Adrian Admin  admin   enabled                     2025-03-03 14:30Z  2025-03-04 08:00Z",
      "t@example.com      Taylor        trader  disabled 2025-03-05 09:15Z  2025-03-03 14:30Z  never",
    ]);
  });
});
