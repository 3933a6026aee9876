// POST /api/items/equip — the item action sheet (one item) and loadouts (several); one per player tap.
import { itemActionRoute } from '@/lib/actions/item-route';
import { equipItems } from '@/lib/actions/item-actions';
import { equipSchema } from '@/lib/actions/schemas';
import { otherMethods } from '@/lib/http/methods';

export const POST = itemActionRoute(equipSchema, equipItems);

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
