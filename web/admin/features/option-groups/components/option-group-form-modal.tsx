import { ActionIcon, Button, Divider, Group, NumberInput, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translations } from '@contract/i18n';
import { MAX_OPTIONS_PER_GROUP, MAX_SELECT, type OptionGroup } from '@contract/menus';
import { FormModal } from '@shared/ui/form-modal';
import { cleanTranslations, TranslationFields } from '@shared/ui/translation-fields';
import { useCreateOptionGroup, useUpdateOptionGroup } from '../api/option-groups';
import { type DraftOption, draftProblems, moveOption } from '../option-group-draft';

let nextKey = 0;
function newKey(): string {
  nextKey += 1;
  return `new-${nextKey}`;
}

const emptyOption = (): DraftOption => ({
  key: newKey(),
  name: '',
  price: 0,
  isAvailable: true,
  translations: {},
});

/**
 * Creates or edits an option group: its name, how many a guest picks (min..max), its options in
 * order (price, sold out, translations). Saving sends the whole list; options keep their ids.
 */
export function OptionGroupFormModal({
  opened,
  group,
  onClose,
}: {
  opened: boolean;
  group: OptionGroup | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateOptionGroup();
  const update = useUpdateOptionGroup();
  const [name, setName] = useState('');
  const [minSelect, setMinSelect] = useState<number | string>(0);
  const [maxSelect, setMaxSelect] = useState<number | string>(1);
  const [translations, setTranslations] = useState<Translations>({});
  const [options, setOptions] = useState<DraftOption[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [general, setGeneral] = useState<unknown>(null);

  useEffect(() => {
    if (!opened) return;
    setName(group?.name ?? '');
    setMinSelect(group?.minSelect ?? 0);
    setMaxSelect(group?.maxSelect ?? 1);
    setTranslations(group?.translations ?? {});
    setOptions(
      group?.options.map((o) => ({
        key: o.id,
        id: o.id,
        name: o.name,
        price: o.price,
        isAvailable: o.isAvailable,
        translations: o.translations,
      })) ?? [emptyOption(), emptyOption()],
    );
    setProblems([]);
    setGeneral(null);
  }, [opened, group]);

  const change = (key: string, patch: Partial<DraftOption>) =>
    setOptions((list) => list.map((o) => (o.key === key ? { ...o, ...patch } : o)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const draft = { name, minSelect: Number(minSelect), maxSelect: Number(maxSelect), options };
    const found = draftProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    const body = {
      name: name.trim(),
      minSelect: draft.minSelect,
      maxSelect: draft.maxSelect,
      translations: cleanTranslations(translations),
      options: options.map((o) => ({
        ...(o.id ? { id: o.id } : {}),
        name: o.name.trim(),
        price: o.price,
        isAvailable: o.isAvailable,
        translations: cleanTranslations(o.translations),
      })),
    };
    try {
      if (group) await update.mutateAsync({ id: group.id, body });
      else await create.mutateAsync(body);
      onClose();
    } catch (error) {
      setGeneral(error);
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      size="xl"
      centered={false}
      title={group ? t('optionGroups.editTitle', { name: group.name }) : t('optionGroups.addTitle')}
      onSubmit={submit}
      error={general}
      pending={create.isPending || update.isPending}
      submitLabel={t('common:actions.save')}
    >
      {problems.length > 0 && (
        <Text c="red.7" size="sm" role="alert" data-testid="option-group-problems">
          {problems.map((p) => t(`optionGroups.errors.${p}`)).join(' ')}
        </Text>
      )}
      <TextInput
        label={t('optionGroups.name')}
        placeholder={t('optionGroups.namePlaceholder')}
        value={name}
        maxLength={40}
        onChange={(e) => setName(e.currentTarget.value)}
        data-testid="option-group-name"
      />
      <Group grow>
        <NumberInput
          label={t('optionGroups.minSelect')}
          description={t('optionGroups.minHint')}
          min={0}
          max={MAX_SELECT}
          allowDecimal={false}
          value={minSelect}
          onChange={setMinSelect}
          data-testid="option-group-min"
        />
        <NumberInput
          label={t('optionGroups.maxSelect')}
          description={t('optionGroups.maxHint')}
          min={1}
          max={MAX_SELECT}
          allowDecimal={false}
          value={maxSelect}
          onChange={setMaxSelect}
          data-testid="option-group-max"
        />
      </Group>
      <Text size="sm" fw={600}>
        {t('common:translations.title')}
      </Text>
      <TranslationFields value={translations} onChange={setTranslations} label={name} />
      <Divider label={t('optionGroups.options')} labelPosition="left" />
      <Stack gap="xs">
        {options.map((option, index) => (
          <Paper key={option.key} withBorder p="xs" data-testid="option-draft">
            <Stack gap={6}>
              <Group gap="xs" wrap="nowrap" align="flex-end">
                <TextInput
                  label={t('optionGroups.optionName')}
                  value={option.name}
                  maxLength={40}
                  onChange={(e) => change(option.key, { name: e.currentTarget.value })}
                  style={{ flex: 2 }}
                  data-testid="option-name"
                />
                <NumberInput
                  label={t('optionGroups.optionPrice')}
                  value={option.price}
                  min={0}
                  max={1_000_000}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=","
                  suffix="원"
                  onChange={(value) => change(option.key, { price: typeof value === 'number' ? value : 0 })}
                  style={{ flex: 1 }}
                  data-testid="option-price"
                />
                <Switch
                  label={option.isAvailable ? t('optionGroups.onSale') : t('optionGroups.soldOut')}
                  checked={option.isAvailable}
                  onChange={(e) => change(option.key, { isAvailable: e.currentTarget.checked })}
                  mb={8}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('menus.moveUp')}
                  disabled={index === 0}
                  onClick={() => setOptions((list) => moveOption(list, index, -1))}
                  mb={6}
                >
                  ▲
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('menus.moveDown')}
                  disabled={index === options.length - 1}
                  onClick={() => setOptions((list) => moveOption(list, index, 1))}
                  mb={6}
                >
                  ▼
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('optionGroups.removeOption', { name: option.name })}
                  disabled={options.length === 1}
                  onClick={() => setOptions((list) => list.filter((o) => o.key !== option.key))}
                  mb={6}
                >
                  ✕
                </ActionIcon>
              </Group>
              <TranslationFields
                value={option.translations}
                onChange={(value) => change(option.key, { translations: value })}
                label={option.name}
              />
            </Stack>
          </Paper>
        ))}
        <Button
          variant="light"
          disabled={options.length >= MAX_OPTIONS_PER_GROUP}
          onClick={() => setOptions((list) => [...list, emptyOption()])}
          data-testid="option-add"
        >
          {t('optionGroups.addOption')}
        </Button>
      </Stack>
    </FormModal>
  );
}
