/** A threshold's number field, named by its key so a form reads every threshold back by name. */
export function ThresholdInput({
  name,
  label,
  value,
  emphasised = false,
}: {
  name: string;
  label: string;
  value: number | undefined;
  /** Set away from its default. */
  emphasised?: boolean;
}) {
  return (
    <input
      name={name}
      type="number"
      step="any"
      min={0}
      required
      aria-label={label}
      defaultValue={value}
      style={{ width: 110, fontWeight: emphasised ? 600 : undefined }}
    />
  );
}
