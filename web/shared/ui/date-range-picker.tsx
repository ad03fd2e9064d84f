import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DateRange, presetOf, presetRange, RANGE_PRESETS, type RangePreset, rangeError } from '../lib/date-ranges';

export interface DateRangePickerProps {
  value: DateRange;
  /** Today on the calendar the range is read in (the store's). */
  today: string;
  onChange: (range: DateRange) => void;
  maxDays: number;
}

/**
 * 오늘 / 어제 / 이번 주 / 이번 달 / 직접 선택: presets as one radio group, and two date fields for
 * a custom range, applied once both dates make a range the server answers.
 */
export function DateRangePicker({ value, today, onChange, maxDays }: DateRangePickerProps) {
  const { t } = useTranslation();
  const preset = presetOf(value, today);
  const [custom, setCustom] = useState(preset === null);
  const [draft, setDraft] = useState<DateRange>(value);
  useEffect(() => setDraft(value), [value]);
  const problem = rangeError(draft, maxDays);

  const choose = (choice: string) => {
    if (choice === 'custom') {
      setCustom(true);
      return;
    }
    setCustom(false);
    onChange(presetRange(choice as RangePreset, today));
  };
  const edit = (next: DateRange) => {
    setDraft(next);
    if (rangeError(next, maxDays) === null) onChange(next);
  };

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <SegmentedControl
        aria-label={t('common:dateRange.label')}
        value={custom ? 'custom' : (preset ?? 'custom')}
        onChange={choose}
        data={[...RANGE_PRESETS, 'custom'].map((key) => ({ value: key, label: t(`common:dateRange.${key}`) }))}
        data-testid="range-presets"
      />
      {custom || preset === null ? (
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput
            type="date"
            label={t('common:dateRange.from')}
            value={draft.from}
            max={draft.to || undefined}
            onChange={(event) => edit({ ...draft, from: event.currentTarget.value })}
            error={problem ? t(`common:dateRange.errors.${problem}`, { max: maxDays }) : undefined}
            data-testid="range-from"
          />
          <TextInput
            type="date"
            label={t('common:dateRange.to')}
            value={draft.to}
            min={draft.from || undefined}
            onChange={(event) => edit({ ...draft, to: event.currentTarget.value })}
            data-testid="range-to"
          />
        </Group>
      ) : null}
    </Group>
  );
}
