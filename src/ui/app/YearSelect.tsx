/**
 * A drop-down of years (the map's year, the report's year): one place for how
 * a year is listed and chosen.
 */
export interface YearSelectProps {
  years: readonly number[];
  value: number;
  onChange: (year: number) => void;
  testId: string;
  ariaLabel?: string;
}

export function YearSelect({ years, value, onChange, testId, ariaLabel }: YearSelectProps) {
  return (
    <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
      {years.map((y) => (
        <option key={y} value={y}>
          {y}
        </option>
      ))}
    </select>
  );
}
