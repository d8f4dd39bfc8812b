import { describe, expect, it } from "vitest";

import { addressRange } from "./sign-in-limit";

describe("addressRange", () => {
  it("keeps an IPv4 address, also when written IPv4-mapped", () => {
    expect(addressRange("203.0.113.9")).toBe("203.0.113.9");
    expect(addressRange("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("puts every IPv6 address of one /64 in one range, however it is written", () => {
    const range = "2001:db8:0:1::/64";
    expect(addressRange("2001:db8:0:1::1")).toBe(range);
    expect(addressRange("2001:0DB8:0000:0001:ffff:ffff:ffff:fffe")).toBe(range);
    expect(addressRange("2001:db8::1:0:0:0:7")).toBe(range);
    expect(addressRange("2001:db8:0:1::5%eth0")).toBe(range);
    expect(addressRange("2001:db8:0:2::1")).toBe("2001:db8:0:2::/64");
  });

  it("expands the shortest forms", () => {
    expect(addressRange("::1")).toBe("0:0:0:0::/64");
    expect(addressRange("fe80::")).toBe("fe80:0:0:0::/64");
    expect(addressRange("::1.2.3.4")).toBe("0:0:0:0::/64");
  });
});
