import type { RouterOutputs } from "@nexus/api";

type Reviewer = RouterOutputs["alerts"]["reviewers"][number];

/** The options of an assignee picker: the caller first ("me"), then every reviewer by name. */
export function ReviewerOptions({ reviewers }: { reviewers: readonly Reviewer[] | undefined }) {
  return (
    <>
      <option value="me">me</option>
      {reviewers?.map((reviewer) => (
        <option key={reviewer.id} value={reviewer.id}>
          {reviewer.name}
        </option>
      ))}
    </>
  );
}
