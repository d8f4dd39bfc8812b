import type * as os from "node:os";
import { describe, expect, it, vi } from "vitest";
import { formatUserTable, operatorName } from "./users.js";

// The passwd lookup, to play a container user that has none.
const userInfo = vi.hoisted(() => vi.fn<() => { username: string }>());
vi.mock("node:os", async (original) => ({ ...(await original<typeof os>()), userInfo }));

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

describe("operatorName", () => {
  it("is the operating-system user name of whoever runs nexus", () => {
    userInfo.mockReturnValueOnce({ username: "alex" });
    expect(operatorName()).toBe("alex");
  });

  it("is the uid for a container user without a passwd entry", () => {
    userInfo.mockImplementationOnce(() => {
      throw new Error("ENOENT: no such file or directory, uv_os_get_passwd");
    });
    expect(operatorName()).toBe(`uid:${process.getuid?.() ?? "unknown"}`);
  });
});
