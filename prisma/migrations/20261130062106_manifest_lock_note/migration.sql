-- AlterTable
ALTER TABLE "manifest_locks" ADD COLUMN     "note" TEXT;
