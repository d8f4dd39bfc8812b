"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ColumnDef } from "@tanstack/react-table";
import type { RouterOutputs } from "@nexus/api";
import type { FormEvent } from "react";
import { useMemo } from "react";
import { DataTable } from "../../../components/data-table";
import { formatUtcDate, formatUtcMinute } from "../../../lib/format";
import { useTRPC } from "../../../trpc/react";

type Account = RouterOutputs["users"]["list"][number];
type Role = Account["role"];

/** A password the server generated, shown once: it is kept nowhere in clear, so it cannot be shown again. */
function OneTimePassword({ email, password, note }: { email: string; password: string; note: string }) {
  return (
    <div className="secret" role="status">
      <strong>Password for {email}.</strong> Copy it now and hand it over safely: it is shown only this once.{" "}
      {note}
      <code aria-label="One-time password">{password}</code>
    </div>
  );
}

function sessionsEnded(count: number): string {
  if (count === 0) return "they had no open session";
  return count === 1 ? "their one session ended" : `their ${count} sessions ended`;
}

/** Create accounts, list them, disable or enable, change a role, reset a password (admins only). */
export function UsersPanel({
  currentUserId,
  roles,
  passwordLength,
}: {
  currentUserId: string;
  roles: readonly Role[];
  /** The password policy's bounds (@nexus/services/users), so the browser checks them before the server. */
  passwordLength: { min: number; max: number };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accounts = useQuery(trpc.users.list.queryOptions());
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: refreshList }));
  const disable = useMutation(trpc.users.disable.mutationOptions({ onSuccess: refreshList }));
  const enable = useMutation(trpc.users.enable.mutationOptions({ onSuccess: refreshList }));
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSuccess: refreshList }));
  const resetPassword = useMutation(trpc.users.resetPassword.mutationOptions({ onSuccess: refreshList }));

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const password = String(fields.get("password") ?? "");
    // The select is required, so the browser submits one of the roles.
    const role = roles.find((candidate) => candidate === fields.get("role"));
    if (role === undefined) return;
    create.mutate(
      {
        email: String(fields.get("email") ?? ""),
        name: String(fields.get("name") ?? ""),
        role,
        password: password === "" ? undefined : password,
      },
      { onSuccess: () => form.reset() },
    );
  }

  // One message for whichever row action failed last; each names what could not be done.
  const actionError =
    (disable.error && `Could not disable the user: ${disable.error.message}`) ||
    (enable.error && `Could not enable the user: ${enable.error.message}`) ||
    (setRole.error && `Could not change the role: ${setRole.error.message}`) ||
    (resetPassword.error && `Could not reset the password: ${resetPassword.error.message}`) ||
    null;

  const columns = useMemo<ColumnDef<Account>[]>(() => {
    const busy = disable.isPending || enable.isPending || setRole.isPending || resetPassword.isPending;
    const clearOthers = () => [disable, enable, setRole, resetPassword].forEach((action) => action.reset());
    return [
      { id: "email", header: "Email", cell: ({ row }) => row.original.email },
      { id: "name", header: "Name", cell: ({ row }) => row.original.name },
      {
        id: "role",
        header: "Role",
        cell: ({ row }) => (
          <select
            aria-label={`Role of ${row.original.email}`}
            value={row.original.role}
            disabled={busy}
            onChange={(event) => {
              const role = roles.find((candidate) => candidate === event.target.value);
              if (
                role !== undefined &&
                window.confirm(`Make ${row.original.email} ${role}? It applies from their next click.`)
              ) {
                clearOthers();
                setRole.mutate({ id: row.original.id, role });
              }
            }}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        ),
      },
      {
        id: "status",
        header: "Status",
        cell: ({ row }) =>
          row.original.disabledAt ? `disabled ${formatUtcDate(row.original.disabledAt)}` : "enabled",
      },
      { id: "created", header: "Created", cell: ({ row }) => formatUtcDate(row.original.createdAt) },
      {
        id: "lastSignIn",
        header: "Last sign-in",
        cell: ({ row }) => (row.original.lastSignInAt ? formatUtcMinute(row.original.lastSignInAt) : "never"),
      },
      {
        id: "actions",
        header: "Actions",
        cell: ({ row }) => {
          const { id, email, disabledAt } = row.original;
          const self = id === currentUserId;
          return (
            <>
              {disabledAt ? (
                <button
                  type="button"
                  className="button secondary"
                  aria-label={`Enable ${email}`}
                  disabled={busy}
                  onClick={() => {
                    clearOthers();
                    enable.mutate({ id });
                  }}
                >
                  Enable
                </button>
              ) : (
                <button
                  type="button"
                  className="button danger"
                  aria-label={`Disable ${email}`}
                  title={self ? "You cannot disable your own account; another admin can." : undefined}
                  disabled={busy || self}
                  onClick={() => {
                    if (window.confirm(`Disable ${email}? They are signed out at once.`)) {
                      clearOthers();
                      disable.mutate({ id });
                    }
                  }}
                >
                  Disable
                </button>
              )}{" "}
              <button
                type="button"
                className="button secondary"
                aria-label={`Reset the password of ${email}`}
                disabled={busy}
                onClick={() => {
                  if (
                    window.confirm(`Give ${email} a new generated password? They are signed out at once.`)
                  ) {
                    clearOthers();
                    resetPassword.mutate({ id });
                  }
                }}
              >
                Reset password
              </button>
            </>
          );
        },
      },
    ];
  }, [currentUserId, roles, disable, enable, setRole, resetPassword]);

  return (
    <>
      <section className="panel" aria-labelledby="new-user">
        <h2 id="new-user">New user</h2>
        <form className="inline-form" onSubmit={onCreate}>
          <div className="field">
            <label htmlFor="user-email">Email</label>
            <input id="user-email" name="email" type="email" required maxLength={320} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="user-name">Name</label>
            <input id="user-name" name="name" required maxLength={200} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor="user-role">Role</label>
            <select id="user-role" name="role" required defaultValue="">
              <option value="" disabled>
                Choose a role
              </option>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="user-password">Password (leave empty to generate one)</label>
            <input
              id="user-password"
              name="password"
              type="password"
              minLength={passwordLength.min}
              maxLength={passwordLength.max}
              autoComplete="new-password"
              placeholder={`at least ${passwordLength.min} characters`}
            />
          </div>
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create user"}
          </button>
        </form>
        {create.error && (
          <p role="alert" className="error">
            Could not create the user: {create.error.message}
          </p>
        )}
        {create.data &&
          (create.data.generatedPassword === null ? (
            <p role="status">Created {create.data.account.email} with the password you typed.</p>
          ) : (
            <OneTimePassword
              email={create.data.account.email}
              password={create.data.generatedPassword}
              note="They can sign in with it now."
            />
          ))}
      </section>
      <section className="panel spaced" aria-labelledby="user-list">
        <h2 id="user-list">Users</h2>
        {actionError && (
          <p role="alert" className="error">
            {actionError}
          </p>
        )}
        {resetPassword.data?.generatedPassword && (
          <OneTimePassword
            email={resetPassword.data.account.email}
            password={resetPassword.data.generatedPassword}
            note={`Their old password no longer works and ${sessionsEnded(resetPassword.data.sessionsEnded)}.`}
          />
        )}
        {accounts.error ? (
          <p role="alert" className="error">
            Could not load the users: {accounts.error.message}
          </p>
        ) : (
          <DataTable
            caption="Users"
            columns={columns}
            data={accounts.data ?? []}
            rowId={(account) => account.id}
            emptyMessage="No users yet."
          />
        )}
      </section>
    </>
  );
}
