import { createHash } from "node:crypto";

/**
 * Name-based UUID, version 5 (RFC 9562 section 5.5: SHA-1 of namespace and name). Ids derived from
 * what they identify make redelivery and replay idempotent: the alert a replayed pattern opens, and
 * the message announcing it, get the same ids the first time did.
 */
const NEXUS_NAMESPACE = Buffer.from("6f1c2b7e9a4d4e0b8c3f5a2d1e0b9c7a", "hex");

export function deterministicId(name: string): string {
  const hash = createHash("sha1").update(NEXUS_NAMESPACE).update(name, "utf8").digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
