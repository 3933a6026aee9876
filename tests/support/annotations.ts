import { DELETE as deleteRoute, PATCH as patchRoute } from '@/app/api/annotations/[instanceId]/route';
import { POST as bulkRoute } from '@/app/api/annotations/bulk/route';
import { GET as listRoute } from '@/app/api/annotations/route';
import { GET as exportRoute } from '@/app/api/export/items/route';
import type { TestPlayer } from './app-harness';
import { answer, loadoutRequest, type RequestOptions } from './loadouts';

const params = (instanceId: string) => ({ params: Promise.resolve({ instanceId }) });

/** The tag and note routes and the CSV export, called through their exported handlers as `player`. */
export function annotationClient(player: () => TestPlayer | { cookie?: string }, init: Omit<RequestOptions, 'cookie'> = {}) {
  const opts = () => ({ ...init, cookie: player().cookie });
  return {
    list: async <T>() => answer<T>(await listRoute(loadoutRequest('GET', '/api/annotations', undefined, { ...opts(), origin: null }))),
    set: async <T>(instanceId: string, body: unknown) => answer<T>(await patchRoute(loadoutRequest('PATCH', `/api/annotations/${instanceId}`, body, opts()), params(instanceId))),
    clear: async <T>(instanceId: string) => answer<T>(await deleteRoute(loadoutRequest('DELETE', `/api/annotations/${instanceId}`, undefined, opts()), params(instanceId))),
    bulk: async <T>(body: unknown) => answer<T>(await bulkRoute(loadoutRequest('POST', '/api/annotations/bulk', body, opts()))),
    /** The raw answer: the CSV is text. */
    exportCsv: () => exportRoute(loadoutRequest('GET', '/api/export/items', undefined, { ...opts(), origin: null })),
  };
}

/** Reads RFC 4180 CSV (quoted fields, doubled quotes, line breaks inside quotes, CRLF) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
