// POST /api/items/pull — the postmaster's "pull" button; one per player tap.
import { itemActionRoute } from '@/lib/actions/item-route';
import { pullFromPostmaster } from '@/lib/actions/item-actions';
import { pullSchema } from '@/lib/actions/schemas';
import { otherMethods } from '@/lib/http/methods';

export const POST = itemActionRoute(pullSchema, pullFromPostmaster);

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
