import { ItemIcon } from '@/components/inventory/item-icon';
import type { ApplyReport as Report, ApplyStatus } from '@/lib/loadouts/types';

const MARKS: Record<ApplyStatus, { label: string; className: string }> = {
  equipped: { label: 'Equipped', className: 'text-emerald-300' },
  moved_equipped: { label: 'Moved and equipped', className: 'text-emerald-300' },
  move_failed: { label: 'Could not move', className: 'text-red-300' },
  equip_failed: { label: 'Could not equip', className: 'text-red-300' },
  missing: { label: 'Missing', className: 'text-vault-accent' },
  conflict: { label: 'Conflict', className: 'text-vault-accent' },
};

const repeats = (status: ApplyStatus, message: string) => message.replace(/\.$/, '') === MARKS[status].label;

/**
 * What applying a loadout did: one row per item something happened to (or failed for), then the
 * items that were already equipped, folded into one row so the report fits a phone's screen.
 * The summary is announced by the card's status line.
 */
export function ApplyReport({ report }: { report: Report }) {
  const unchanged = report.items.filter((line) => line.unchanged);
  return (
    <div data-testid="apply-report" className="rounded-lg border border-vault-line bg-vault-bg p-3">
      <ul aria-label="What happened to each item" className="flex flex-col gap-2">
        {report.items
          .filter((line) => !line.unchanged)
          .map((line) => (
            <li key={line.itemId} data-item-id={line.itemId} data-status={line.status} className="flex items-start gap-2 text-sm">
              <ItemIcon src={line.iconUrl} size={32} className="h-8 w-8 shrink-0 rounded" />
              <div className="min-w-0">
                <p className="truncate font-medium">{line.name}</p>
                <p>
                  {/* "Equipped: Equipped." says it twice: a message that only repeats the mark is left out. */}
                  <span className={`font-semibold ${MARKS[line.status].className}`}>{MARKS[line.status].label}{repeats(line.status, line.message) ? '.' : ':'}</span>
                  {repeats(line.status, line.message) ? null : ` ${line.message}`}
                </p>
              </div>
            </li>
          ))}
        {unchanged.length > 0 && (
          <li data-status="unchanged" className="flex flex-col gap-1 text-sm text-vault-muted">
            <p>{unchanged.length === report.items.length ? 'Everything was already equipped.' : `${unchanged.length} already equipped:`}</p>
            <p className="flex flex-wrap gap-1">
              {unchanged.map((line) => (
                <span key={line.itemId} data-item-id={line.itemId} title={line.name}>
                  <ItemIcon src={line.iconUrl} size={24} className="h-6 w-6 rounded" />
                  <span className="sr-only">{line.name}</span>
                </span>
              ))}
            </p>
          </li>
        )}
      </ul>
    </div>
  );
}
