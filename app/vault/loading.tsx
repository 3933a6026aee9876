import { InventorySkeleton } from '@/components/inventory/inventory-skeleton';

export default function VaultLoading() {
  return <InventorySkeleton title="your vault" />;
}
