import 'server-only';
import { formatReset } from '@/lib/inventory/format-reset';
import type { XurView } from '@/lib/inventory/types';

const CLASS_NAMES = ['Titan', 'Hunter', 'Warlock'];

/**
 * The weekly Xûr digest as a webhook message (`text` for Slack, `content` for Discord, the same
 * words), as the original author tweeted it: one line per offer with its price, then when he
 * leaves. Null when he is not there — nothing to post.
 */
export function xurDigestMessage(view: XurView, appUrl: string): { text: string; content: string } | null {
  if (!view.present) return null;
  const lines = view.offers.map((o) => {
    const who = CLASS_NAMES[o.classType] ? ` (${CLASS_NAMES[o.classType]})` : '';
    const price = o.costs.map((c) => `${c.quantity.toLocaleString('en-GB')} ${c.name}`).join(' + ');
    return `• ${o.name} — ${[o.tierName, o.typeName].filter(Boolean).join(' ')}${who}${price ? `: ${price}` : ''}`;
  });
  const where = view.location ? ` at ${view.location}` : '';
  const text = [`${view.name} is here${where} until ${formatReset(view.leavesAt)}. This week:`, ...lines, `${appUrl.replace(/\/$/, '')}/xur`].join('\n');
  return { text, content: text };
}
