// POST /api/items/lock — the item action sheet's lock toggle; one per player tap.
import { itemActionRoute } from '@/lib/actions/item-route';
import { setLockState } from '@/lib/actions/item-actions';
import { lockSchema } from '@/lib/actions/schemas';
import { otherMethods } from '@/lib/http/methods';

export const POST = itemActionRoute(lockSchema, setLockState);

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
