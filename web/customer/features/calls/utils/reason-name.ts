import { LANGUAGES, type Language, translate } from '@contract/i18n';
import type { CallReason } from '@contract/menus';

const asLanguage = (language: string): Language =>
  (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'ko';

/** A preset in the guest's language, Korean when staff left it untranslated. */
export function reasonName(reason: Pick<CallReason, 'label' | 'translations'>, language: string): string {
  return translate({ name: reason.label }, reason.translations, asLanguage(language)).name;
}

/**
 * A call's reasons (kept as the Korean labels they had when called) in the guest's language, as
 * far as the store's presets still know them.
 */
export function reasonNames(labels: string[], presets: CallReason[], language: string): string[] {
  const byLabel = new Map(presets.map((preset) => [preset.label, preset]));
  return labels.map((label) => {
    const preset = byLabel.get(label);
    return preset ? reasonName(preset, language) : label;
  });
}
