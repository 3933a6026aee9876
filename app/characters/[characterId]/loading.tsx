import { InventorySkeleton } from '@/components/inventory/inventory-skeleton';

export default function CharacterLoading() {
  return <InventorySkeleton title="your character" />;
}
