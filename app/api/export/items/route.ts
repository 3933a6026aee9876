// GET /api/export/items — the player's items with their tags and notes as a CSV file (the item browser's "Export CSV" link).
import { exportItemsCsv } from '@/lib/annotations/export';
import { methods } from '@/lib/http/methods';
import { rateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const { GET, POST, PUT, PATCH, DELETE } = methods({
  // One GetProfile: counted against the player's limit like a page view.
  GET: route({ caller: 'player', limit: rateLimit }, async ({ user }) => {
    const csv = await exportItemsCsv(user.userId);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="vault-raider-items-${day}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }),
});
