/**
 * The Recotap API key: one storage item, read and written by the background only (design.md
 * rule 2; eslint keeps utils/recotap out of every other context). Never sent to a view.
 */
import { storage } from '#imports';
import { z } from 'zod';

const ApiKeySchema = z.string().trim().max(500);

/** storage.local (not sync): the key stays on this device. */
export const apiKeyItem = storage.defineItem<string>('local:apiKey', { fallback: '', version: 1 });

/** The stored key, '' when none or when the stored value is not a string. */
export async function getApiKey(): Promise<string> {
  try {
    const parsed = ApiKeySchema.safeParse(await apiKeyItem.getValue());
    return parsed.success ? parsed.data : '';
  } catch {
    return '';
  }
}

/** Store a key (trimmed); '' removes it. */
export async function setApiKey(key: string): Promise<void> {
  const value = ApiKeySchema.parse(key);
  if (value) await apiKeyItem.setValue(value);
  else await apiKeyItem.removeValue();
}
