"use client";

/** A row of mutually exclusive options, the chosen one pressed (the screen's confidence, horizon, ... ). */
export function Switch<T extends string | number>({
  label,
  options,
  value,
  onChange,
  format,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  format: (value: T) => string;
}) {
  return (
    <div className="switch" role="group" aria-label={label}>
      <span>{label}</span>
      {options.map((option) => (
        <button
          key={String(option)}
          type="button"
          className={option === value ? "button active" : "button"}
          aria-pressed={option === value}
          onClick={() => onChange(option)}
        >
          {format(option)}
        </button>
      ))}
    </div>
  );
}
