import { hash, verify } from "@node-rs/argon2";
import type { Algorithm, Options } from "@node-rs/argon2";

/** `Algorithm.Argon2id`; the enum is a `const enum`, which isolatedModules cannot read at runtime. */
const ARGON2ID: Algorithm = 2;

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first recommended configuration:
 * m = 19 MiB (19456 KiB), t = 2 iterations, p = 1 degree of parallelism
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id).
 * The PHC string records the parameters, so raising them later still verifies old hashes.
 */
const OWASP_ARGON2ID: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Returns an argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) with a random salt. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, OWASP_ARGON2ID);
}

/** True when `password` matches the PHC string `passwordHash`; throws if the stored hash is malformed. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}
