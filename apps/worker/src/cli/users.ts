/**
 * `nexus users ...`: the accounts of the people who sign in, managed from a shell on the host. This is
 * how the first admin of a deployment is made (the demo users exist only in the embedded default). The
 * rules and the audit rows are those of the admin screen: both call @nexus/services/users. The audit
 * log names the operator by their operating-system user name (actor type `cli`).
 */
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { DbHandle } from "@nexus/db/client";
import { listUserAccounts } from "@nexus/db/queries/users";
import type { UserAccount } from "@nexus/db/queries/users";
import type { Actor, ChangeContext } from "@nexus/services/context";
import {
  changeRole,
  createAccount,
  disableAccount,
  emailSchema,
  enableAccount,
  resetPassword,
  roleSchema,
} from "@nexus/services/users";
import type { Role } from "@nexus/services/users";
import type { PasswordInput } from "./users-password.js";
import { isPasswordArgument, readNewPassword } from "./users-password.js";
import { UsageError } from "./usage-error.js";

export const USERS_USAGE = `  nexus users create --email E --role R [--name N] [--generate-password]
      Create an account (role: ${roleSchema.options.join(", ")}; name: the email's local part unless
      given). The password is read from stdin when piped (echo "$PASSWORD" | nexus users create ...);
      with a terminal on stdin, or --generate-password, a strong one is generated and printed once.
      A password is never taken as an argument (shell history, ps). At least 12 characters.
  nexus users list
      Every account: email, name, role, status, created, last sign-in (UTC).
  nexus users disable --email E       Disable an account and end its sessions at once.
  nexus users enable --email E        Let a disabled account sign in again.
  nexus users set-role --email E --role R
  nexus users reset-password --email E [--generate-password]
      Set a new password (stdin or generated, as for create) and end the account's sessions.
  Refused: disabling or demoting the last enabled admin. Unknown email: exit 1.`;

export type UsersCommandIo = {
  openDatabase: () => Promise<DbHandle>;
  stdin: PasswordInput;
  print: (line: string) => void;
  /** Who runs the command (`operatorName()` for the `nexus` process). */
  operator: string;
};

/**
 * The person at the shell, as the audit log names them: their operating-system user name (actor type
 * `cli`, see @nexus/services/context for why not `system`). A container user without a passwd entry
 * has no name, so its uid stands in.
 */
export function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid:${process.getuid?.() ?? "unknown"}`;
  }
}

/** Parses one subcommand's options; positionals and password arguments are refused without echoing them. */
function options<const O extends Record<string, { type: "string" | "boolean" }>>(
  subcommand: string,
  args: string[],
  spec: O,
) {
  if (args.some(isPasswordArgument)) {
    throw new UsageError(
      "a password is never taken on the command line (shell history, ps): pipe it on stdin or use --generate-password",
    );
  }
  const { values, positionals } = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  if (positionals.length > 0) throw new UsageError(`users ${subcommand} takes only options`);
  return values;
}

function requiredEmail(value: string | undefined): string {
  if (value === undefined) throw new UsageError("--email is required");
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) throw new UsageError("--email: not an email address");
  return parsed.data;
}

function requiredRole(value: string | undefined): Role {
  const parsed = roleSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--role must be one of: ${roleSchema.options.join(", ")}`);
  return parsed.data;
}

/** `2025-03-03 14:30Z`: minutes are enough to tell sign-ins apart in a listing. */
const minuteUtc = (date: Date): string => `${date.toISOString().slice(0, 16).replace("T", " ")}Z`;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The listing as aligned columns, a header first. */
export function formatUserTable(accounts: readonly UserAccount[]): string[] {
  const rows = [
    ["EMAIL", "NAME", "ROLE", "STATUS", "CREATED", "LAST SIGN-IN"],
    ...accounts.map((account) => [
      account.email,
      account.name,
      account.role,
      account.disabledAt === null ? "enabled" : `disabled ${minuteUtc(account.disabledAt)}`,
      minuteUtc(account.createdAt),
      account.lastSignInAt === null ? "never" : minuteUtc(account.lastSignInAt),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

/** `nexus users SUBCOMMAND ...`; returns the exit status. Refusals (unknown email, last admin) throw. */
export async function runUsersCommand(args: readonly string[], io: UsersCommandIo): Promise<number> {
  const [subcommand, ...rest] = args;
  const actor: Actor = { actorType: "cli", actorId: io.operator, ip: null };
  const withDatabase = async <T>(work: (context: ChangeContext) => Promise<T>): Promise<T> => {
    const database = await io.openDatabase();
    try {
      return await work({ db: database.db, actor, now: new Date() });
    } finally {
      await database.close();
    }
  };
  const printPassword = (password: string | null) => {
    if (password !== null)
      io.print(`password: ${password}\n(shown only this once; it is stored only as a hash)`);
  };

  switch (subcommand) {
    case "create": {
      const values = options("create", rest, {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        "generate-password": { type: "boolean" },
      });
      const email = requiredEmail(values.email);
      const role = requiredRole(values.role);
      const password = await readNewPassword(io.stdin, values["generate-password"] === true);
      const name = values.name ?? email.slice(0, email.indexOf("@"));
      const created = await withDatabase((context) =>
        createAccount(context, { email, name, role, password }),
      );
      io.print(`created ${created.account.email} (${created.account.role})`);
      printPassword(created.generatedPassword);
      return 0;
    }
    case "list": {
      options("list", rest, {});
      const accounts = await withDatabase(({ db }) => listUserAccounts(db));
      if (accounts.length === 0) {
        io.print("no users yet: make the first admin with nexus users create --email E --role admin");
      } else {
        for (const line of formatUserTable(accounts)) io.print(line);
      }
      return 0;
    }
    case "disable": {
      const email = requiredEmail(options("disable", rest, { email: { type: "string" } }).email);
      const result = await withDatabase((context) => disableAccount(context, { email }));
      io.print(
        result.changed
          ? `disabled ${email}; ${plural(result.sessionsEnded, "session")} ended`
          : `${email} was already disabled; nothing changed`,
      );
      return 0;
    }
    case "enable": {
      const email = requiredEmail(options("enable", rest, { email: { type: "string" } }).email);
      const result = await withDatabase((context) => enableAccount(context, { email }));
      io.print(result.changed ? `enabled ${email}` : `${email} was already enabled; nothing changed`);
      return 0;
    }
    case "set-role": {
      const values = options("set-role", rest, { email: { type: "string" }, role: { type: "string" } });
      const email = requiredEmail(values.email);
      const role = requiredRole(values.role);
      const result = await withDatabase((context) => changeRole(context, { email }, role));
      io.print(
        result.changed ? `${email} is now ${role}` : `${email} already has the role ${role}; nothing changed`,
      );
      return 0;
    }
    case "reset-password": {
      const values = options("reset-password", rest, {
        email: { type: "string" },
        "generate-password": { type: "boolean" },
      });
      const email = requiredEmail(values.email);
      const password = await readNewPassword(io.stdin, values["generate-password"] === true);
      const reset = await withDatabase((context) => resetPassword(context, { email }, password));
      io.print(`reset the password of ${email}; ${plural(reset.sessionsEnded, "session")} ended`);
      printPassword(reset.generatedPassword);
      return 0;
    }
    case "help":
    case "--help":
    case "-h":
      io.print(`usage:\n${USERS_USAGE}`);
      return 0;
    case undefined:
      throw new UsageError(
        "users needs a subcommand: create, list, disable, enable, set-role, reset-password",
      );
    default:
      throw new UsageError(`unknown users subcommand "${subcommand}"`);
  }
}
