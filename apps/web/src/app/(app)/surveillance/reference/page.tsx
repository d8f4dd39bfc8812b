import type { Metadata } from "next";
import { requireUser } from "../../../../server/session";
import { ReferenceDataPanel } from "./reference-data-panel";

export const metadata: Metadata = { title: "Reference data" };

export default async function ReferencePage() {
  const user = await requireUser();
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Reference data</h1>
          <p>
            Who is related to whom, as surveillance reads it: related accounts and beneficial owners (wash
            trading), desks with their agency and principal traders (front running), and market makers. Admins
            replace it with a file in the format of <code>nexus reference import</code>; each import is
            audited.
          </p>
        </div>
      </header>
      <ReferenceDataPanel canImport={user.role === "admin"} />
    </>
  );
}
