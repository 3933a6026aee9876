// POST /api/items/transfer — the item action sheet and drag and drop (and scripts); one per player tap.
import { itemActionRoute } from '@/lib/actions/item-route';
import { transferItem } from '@/lib/actions/item-actions';
import { transferSchema } from '@/lib/actions/schemas';
import { otherMethods } from '@/lib/http/methods';

export const POST = itemActionRoute(transferSchema, transferItem);

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods('POST');
