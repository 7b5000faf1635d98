import { createI18n } from '@/utils/i18n';
import { en } from './texts-en';
import { ru } from './texts-ru';

/**
 * The options page's strings. Where Webasyst has a word for it (its CRM "Shop-Script
 * integration" settings), that word is used, in both languages.
 */
export const t = createI18n({ en, ru });
