import {
  Accordion,
  Alert,
  Chip,
  FileInput,
  Group,
  Image,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Id } from '@contract/common';
import type { Translations } from '@contract/i18n';
import {
  ALLERGENS,
  type Allergen,
  BADGES,
  type Badge,
  type Category,
  MAX_IMAGE_BYTES,
  type Menu,
  MenuDescription,
  MenuName,
  MenuPrice,
  type UpdateMenuBody,
} from '@contract/menus';
import { ApiError } from '@shared/api/client';
import { invalidFields } from '@shared/lib/field-check';
import { errorText } from '@shared/ui/error-text';
import { FormModal } from '@shared/ui/form-modal';
import { cleanTranslations, TranslationFields } from '@shared/ui/translation-fields';
import { useCreateMenu, useUpdateMenu, useUploadMenuImage } from '../api/save-menu';

export interface MenuFormModalProps {
  opened: boolean;
  /** The dish to edit; null to create one in `categoryId`. */
  menu: Menu | null;
  categoryId: string | null;
  categories: Category[];
  /** The store's option groups, to attach to the dish. */
  optionGroups: Array<{ id: string; name: string; minSelect: number }>;
  onClose: () => void;
}

type Field = 'categoryId' | 'name' | 'price' | 'description' | 'image';
type Errors = Partial<Record<Field, string>>;

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const RULES = { categoryId: Id, name: MenuName, price: MenuPrice, description: MenuDescription };

/** Why a picked file cannot be uploaded (the server checks the same again), or null. */
function imageProblem(file: File | null): 'image' | 'imageSize' | null {
  if (!file) return null;
  if (!IMAGE_TYPES.includes(file.type)) return 'image';
  if (file.size > MAX_IMAGE_BYTES) return 'imageSize';
  return null;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function MenuFormModal({ opened, menu, categoryId, categories, optionGroups, onClose }: MenuFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateMenu();
  const update = useUpdateMenu();
  const upload = useUploadMenuImage();
  // After a create succeeded but the upload failed, the form goes on editing the new dish.
  const [saved, setSaved] = useState<Menu | null>(null);
  const [values, setValues] = useState({ categoryId: '', name: '', price: '' as number | string, description: '' });
  const [isAvailable, setIsAvailable] = useState(true);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [allergens, setAllergens] = useState<Allergen[]>([]);
  const [badges, setBadges] = useState<Badge[]>([]);
  const [translations, setTranslations] = useState<Translations>({});
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<unknown>(null);

  useEffect(() => {
    if (!opened) return;
    setSaved(null);
    setValues({
      categoryId: menu?.categoryId ?? categoryId ?? '',
      name: menu?.name ?? '',
      price: menu?.price ?? '',
      description: menu?.description ?? '',
    });
    setIsAvailable(menu?.isAvailable ?? true);
    setGroupIds(menu?.optionGroupIds ?? []);
    setAllergens(menu?.allergens ?? []);
    setBadges(menu?.badges ?? []);
    setTranslations(menu?.translations ?? {});
    setFile(null);
    setErrors({});
    setGeneral(null);
  }, [opened, menu, categoryId]);

  // A rejected file gets no preview: the browser could not draw it anyway (a broken picture).
  useEffect(() => {
    if (!file || imageProblem(file)) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const current = saved ?? menu;
  const busy = create.isPending || update.isPending || upload.isPending;

  const explain = (error: unknown, during: 'save' | 'upload') => {
    if (error instanceof ApiError) {
      if (during === 'upload' && error.status >= 400 && error.status < 500) {
        setErrors({ image: errorText(t, error) });
        return;
      }
      const fields = error.fieldErrors();
      const known = (Object.keys(RULES) as Field[]).filter((f) => fields[f]);
      if (known.length > 0) {
        setErrors(Object.fromEntries(known.map((f) => [f, t(`menus.errors.${f}`)])));
        return;
      }
    }
    setGeneral(error);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const price = typeof values.price === 'number' ? values.price : Number.NaN;
    const failed: Field[] = invalidFields(RULES, { ...values, price });
    const next: Errors = Object.fromEntries(failed.map((f) => [f, t(`menus.errors.${f}`)]));
    const problem = imageProblem(file);
    if (problem) next.image = t(`menus.errors.${problem}`);
    setErrors(next);
    if (Object.keys(next).length > 0) return;

    const fields = {
      categoryId: values.categoryId,
      name: values.name.trim(),
      price,
      description: values.description.trim(),
      isAvailable,
    };
    const extra = {
      optionGroupIds: groupIds,
      allergens,
      badges,
      translations: cleanTranslations(translations),
    };
    let target: Menu;
    try {
      if (current) {
        const body: UpdateMenuBody = {
          ...Object.fromEntries(
            Object.entries(fields).filter(([key, value]) => current[key as keyof typeof fields] !== value),
          ),
          ...(sameList(current.optionGroupIds, extra.optionGroupIds) ? {} : { optionGroupIds: extra.optionGroupIds }),
          ...(sameList(current.allergens, extra.allergens) ? {} : { allergens: extra.allergens }),
          ...(sameList(current.badges, extra.badges) ? {} : { badges: extra.badges }),
          ...(JSON.stringify(current.translations) === JSON.stringify(extra.translations)
            ? {}
            : { translations: extra.translations }),
        };
        target = Object.keys(body).length > 0 ? await update.mutateAsync({ menuId: current.id, body }) : current;
      } else {
        target = await create.mutateAsync({ ...fields, ...extra });
        setSaved(target);
      }
    } catch (error) {
      explain(error, 'save');
      return;
    }
    if (file) {
      try {
        await upload.mutateAsync({ menuId: target.id, file });
      } catch (error) {
        explain(error, 'upload');
        return;
      }
    }
    onClose();
  };

  // A rejected pick has no preview: the dish's current picture (if any) stays in view.
  const shownImage = (file && !imageProblem(file) ? preview : null) ?? current?.imageUrl ?? null;

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      size="lg"
      centered={false}
      title={current ? t('menus.editTitle', { name: current.name }) : t('menus.addTitle')}
      onSubmit={submit}
      error={general}
      pending={busy}
      submitLabel={t('common:actions.save')}
    >
      {saved && !menu ? <Alert color="yellow">{t('menus.savedWithoutImage')}</Alert> : null}
      <Select
        label={t('menus.category')}
        data={categories.map((category) => ({ value: category.id, label: category.name }))}
        value={values.categoryId || null}
        onChange={(value) => setValues({ ...values, categoryId: value ?? '' })}
        error={errors.categoryId}
        allowDeselect={false}
        name="categoryId"
      />
      <TextInput
        label={t('menus.name')}
        value={values.name}
        onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
        error={errors.name}
        maxLength={80}
        name="name"
      />
      <NumberInput
        label={t('menus.price')}
        description={t('menus.priceHint')}
        value={values.price}
        onChange={(value) => setValues({ ...values, price: value })}
        error={errors.price}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator=","
        suffix="원"
        name="price"
      />
      <Textarea
        label={t('menus.description')}
        description={t('menus.descriptionCount', { count: values.description.trim().length })}
        value={values.description}
        onChange={(e) => setValues({ ...values, description: e.currentTarget.value })}
        error={errors.description}
        autosize
        minRows={2}
        maxRows={5}
        name="description"
      />
      <Switch
        label={isAvailable ? t('menus.onSale') : t('menus.soldOut')}
        checked={isAvailable}
        onChange={(e) => setIsAvailable(e.currentTarget.checked)}
      />
      <MultiSelect
        label={t('optionGroups.dish.groups')}
        description={t('optionGroups.dish.groupsHint')}
        data={optionGroups.map((group) => ({
          value: group.id,
          label: group.minSelect >= 1 ? `${group.name} (${t('common:chooser.required')})` : group.name,
        }))}
        value={groupIds}
        onChange={setGroupIds}
        searchable
        clearable
        data-testid="menu-option-groups"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('optionGroups.dish.badges')}
        </Text>
        <Chip.Group multiple value={badges} onChange={(value) => setBadges(value as Badge[])}>
          <Group gap={6}>
            {BADGES.map((code) => (
              <Chip key={code} value={code} size="sm">
                {t(`common:badges.${code}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <MultiSelect
        label={t('optionGroups.dish.allergens')}
        data={ALLERGENS.map((code) => ({ value: code, label: t(`common:allergens.${code}`) }))}
        value={allergens}
        onChange={(value) => setAllergens(value as Allergen[])}
        searchable
        clearable
        data-testid="menu-allergens"
      />
      <Accordion variant="contained">
        <Accordion.Item value="translations">
          <Accordion.Control>{t('optionGroups.dish.translations')}</Accordion.Control>
          <Accordion.Panel>
            <Text size="xs" c="dimmed" mb="xs">
              {t('common:translations.hint')}
            </Text>
            <TranslationFields value={translations} onChange={setTranslations} description label={values.name} />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <Group align="flex-start" wrap="nowrap">
        <FileInput
          label={t('menus.image')}
          description={t('menus.imageHint')}
          placeholder={t('menus.chooseImage')}
          accept={IMAGE_TYPES.join(',')}
          value={file}
          onChange={(value) => {
            setFile(value);
            // Said at once, not only on save.
            const problem = imageProblem(value);
            setErrors((current) => ({ ...current, image: problem ? t(`menus.errors.${problem}`) : undefined }));
          }}
          error={errors.image}
          clearable
          style={{ flex: 1 }}
          name="image"
          data-testid="menu-image-input"
        />
        {shownImage ? (
          <Image
            src={shownImage}
            alt={t('menus.preview')}
            w={120}
            h={120}
            radius="md"
            fit="cover"
            data-testid="menu-image-preview"
          />
        ) : (
          <Stack w={120} h={120} justify="center" align="center" bg="gray.1" style={{ borderRadius: 8 }}>
            <Text size="xs" c="dimmed">
              {t('menus.noImage')}
            </Text>
          </Stack>
        )}
      </Group>
    </FormModal>
  );
}
