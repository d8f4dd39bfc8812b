import type { Metadata } from "next";
import { BookReplayView } from "./book-replay-view";

export const metadata: Metadata = { title: "Book replay" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ReplayPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const alertId = first(search.alert);
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Order-book replay</h1>
          <p>
            {alertId ? (
              <>
                <a href={`/alerts/${alertId}`}>Back to the alert</a> /{" "}
              </>
            ) : null}
            A symbol&apos;s book at any moment, rebuilt from the stored order and trade events of that UTC
            day. Step one event or one millisecond at a time.
          </p>
        </div>
      </header>
      <BookReplayView
        initial={{
          symbol: first(search.symbol) ?? "",
          at: first(search.at) ?? "",
          user: first(search.user) ?? "",
          alert: alertId ?? "",
        }}
      />
    </>
  );
}
