/**
 * Postgres schema names we create or point a connection at. Kept to plain lower-case identifiers so
 * they can be quoted into DDL, migration SQL and the `search_path` startup parameter without escaping.
 */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(name: string): string {
  if (!schemaNamePattern.test(name)) {
    throw new Error(
      `Invalid schema name "${name}": use 1-63 characters of a-z, 0-9 and _, not starting with a digit`,
    );
  }
  return name;
}
