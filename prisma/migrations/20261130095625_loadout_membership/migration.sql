-- AlterTable
ALTER TABLE "loadouts" ADD COLUMN     "membership_id" TEXT;
