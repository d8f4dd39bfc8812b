/** Shown instead of a page the signed-in person's role may not open. */
export function AccessRefused({ title, roles }: { title: string; roles: readonly string[] }) {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <section className="notice refused" role="alert" aria-labelledby="access-refused">
        <h2 id="access-refused">Access refused</h2>
        <p>This page is open to the roles: {roles.join(", ")}. Ask an administrator if you need it.</p>
      </section>
    </>
  );
}
