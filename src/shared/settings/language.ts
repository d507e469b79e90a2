import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'en'] as const;

/**
 * The window's, the tray's and the notifications' language.
 * @default 'zh-CN'
 */
export const languageSchema = z.enum(LANGUAGES, { error: 'must be zh-CN or en' }).default('zh-CN');
export type Language = z.infer<typeof languageSchema>;
