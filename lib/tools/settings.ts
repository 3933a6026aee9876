import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import type { PlayerSettingsView } from './types';

/** Every setting's default: what a player without a row gets. */
export const DEFAULT_SETTINGS: PlayerSettingsView = { autoMakeRoom: false };

/** `PUT /api/settings`: the settings to change (at least one). */
export const settingsSchema = z
  .object({ autoMakeRoom: z.boolean() })
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, 'name at least one setting to change');

/** The player's settings (the defaults when they never changed one). */
export async function readSettings(userId: string): Promise<PlayerSettingsView> {
  const prisma = await getPrisma();
  const row = await prisma.playerSettings.findUnique({ where: { userId } });
  return row ? { autoMakeRoom: row.autoMakeRoom } : { ...DEFAULT_SETTINGS };
}

/** Changes the player's settings (one row per player, written on the first change). */
export async function saveSettings(userId: string, patch: Partial<PlayerSettingsView>): Promise<PlayerSettingsView> {
  const prisma = await getPrisma();
  const row = await prisma.playerSettings.upsert({ where: { userId }, create: { userId, ...DEFAULT_SETTINGS, ...patch }, update: patch });
  return { autoMakeRoom: row.autoMakeRoom };
}
