-- AlterTable
ALTER TABLE "manifest_pointer" ADD COLUMN     "format" INTEGER NOT NULL DEFAULT 1;
