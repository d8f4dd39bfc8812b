/** A section that exists in the menu but whose screens ship in a later release. */
export function ComingSoon({ title, summary }: { title: string; summary: string }) {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <section className="notice" aria-labelledby="coming-soon">
        <h2 id="coming-soon">Coming in a later release</h2>
        <p>{summary}</p>
        <p>Nothing is lost meanwhile: the worker already records the events these screens will read.</p>
      </section>
    </>
  );
}
