import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallReasonLabel, MAX_CALL_REASONS, type PutCallReasonsBody } from '@contract/calls';
import { TRANSLATED_LANGUAGES, type Translations } from '@contract/i18n';
import type { CallReason } from '@contract/menus';
import { FormModal } from '@shared/ui/form-modal';
import { useCallReasons } from '../api/get-call-reasons';
import { useSaveCallReasons } from '../api/save-call-reasons';

type Lang = (typeof TRANSLATED_LANGUAGES)[number];
const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', ja: '日本語', zh: '中文' };

interface Row {
  /** A key for React that survives reordering; the server's id when the preset exists. */
  key: string;
  id?: string;
  label: string;
  names: Record<Lang, string>;
}

let counter = 0;
const nextKey = () => {
  counter += 1;
  return `new-${counter}`;
};
const rowOf = (reason?: CallReason): Row => ({
  key: reason?.id ?? nextKey(),
  id: reason?.id,
  label: reason?.label ?? '',
  names: {
    en: reason?.translations.en?.name ?? '',
    ja: reason?.translations.ja?.name ?? '',
    zh: reason?.translations.zh?.name ?? '',
  },
});

/** The rows as the server takes them; translations left blank are dropped, so Korean shows. */
export function bodyOf(rows: Row[]): PutCallReasonsBody {
  return {
    reasons: rows.map((row) => {
      const translations: Translations = {};
      for (const lang of TRANSLATED_LANGUAGES) {
        const name = row.names[lang].trim();
        if (name) translations[lang] = { name };
      }
      return { ...(row.id ? { id: row.id } : {}), label: row.label.trim(), translations };
    }),
  };
}

/** What is wrong with each row's label, as the server would judge it. */
function labelProblems(rows: Row[]): Array<'required' | 'tooLong' | 'duplicate' | null> {
  const seen = new Set<string>();
  return rows.map((row) => {
    const label = row.label.trim();
    const problem = label === '' ? 'required' : !CallReasonLabel.safeParse(label).success ? 'tooLong' : null;
    const duplicate = seen.has(label);
    seen.add(label);
    return problem ?? (duplicate ? 'duplicate' : null);
  });
}

/** Staff edit the call presets: names, order, and their English, Japanese and Chinese names. */
export function CallReasonsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const reasons = useCallReasons();
  const save = useSaveCallReasons();
  const [rows, setRows] = useState<Row[]>([]);
  const [checked, setChecked] = useState(false);

  // Each opening starts from the list as the server has it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening, not on every refetch
  useEffect(() => {
    if (!opened) return;
    setRows((reasons.data ?? []).map(rowOf));
    setChecked(false);
    save.reset();
  }, [opened, reasons.data === undefined]);

  const problems = labelProblems(rows);
  const change = (key: string, patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) =>
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return next;
    });

  const submit = async () => {
    setChecked(true);
    if (rows.length === 0 || problems.some(Boolean)) return;
    await save.mutateAsync(bodyOf(rows));
    notifications.show({ color: 'teal', message: t('calls.reasons.saved') });
    onClose();
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('calls.reasons.title')}
      onSubmit={submit}
      error={save.error}
      pending={save.isPending}
      submitLabel={t('calls.reasons.save')}
      size="xl"
    >
      <Text size="sm" c="dimmed">
        {t('calls.reasons.hint')}
      </Text>
      <Stack gap="sm" data-testid="call-reasons-editor">
        {rows.map((row, index) => {
          const n = index + 1;
          const problem = checked ? problems[index] : null;
          return (
            <Paper key={row.key} withBorder radius="md" p="sm" data-testid="call-reason-row">
              <Group align="flex-end" wrap="nowrap" gap="xs">
                <TextInput
                  style={{ flex: 1 }}
                  label={t('calls.reasons.label', { n })}
                  value={row.label}
                  maxLength={40}
                  onChange={(event) => change(row.key, { label: event.currentTarget.value })}
                  error={problem ? t(`calls.reasons.${problem}`) : null}
                />
                <ActionIcon
                  variant="default"
                  size={36}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('calls.reasons.up', { n })}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size={36}
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('calls.reasons.down', { n })}
                >
                  ↓
                </ActionIcon>
                <ActionIcon
                  variant="light"
                  color="red"
                  size={36}
                  disabled={rows.length === 1}
                  onClick={() => setRows((current) => current.filter((item) => item.key !== row.key))}
                  aria-label={t('calls.reasons.remove', { n })}
                >
                  ✕
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" mt="xs">
                {TRANSLATED_LANGUAGES.map((lang) => (
                  <TextInput
                    key={lang}
                    size="xs"
                    label={`${LANGUAGE_NAMES[lang]} · ${t('calls.reasons.label', { n })}`}
                    placeholder={row.label}
                    value={row.names[lang]}
                    maxLength={100}
                    onChange={(event) =>
                      change(row.key, { names: { ...row.names, [lang]: event.currentTarget.value } })
                    }
                  />
                ))}
              </SimpleGrid>
            </Paper>
          );
        })}
      </Stack>
      <Group justify="space-between">
        <Button
          variant="light"
          disabled={rows.length >= MAX_CALL_REASONS}
          onClick={() => setRows((current) => [...current, rowOf()])}
        >
          {t('calls.reasons.add')}
        </Button>
        {rows.length >= MAX_CALL_REASONS ? (
          <Text size="sm" c="dimmed">
            {t('calls.reasons.max')}
          </Text>
        ) : null}
      </Group>
    </FormModal>
  );
}
