-- CreateEnum
CREATE TYPE "ManifestRunOutcome" AS ENUM ('running', 'unchanged', 'updated', 'failed');

-- CreateTable
CREATE TABLE "manifest_definitions" (
    "version_id" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "hash" BIGINT NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "manifest_definitions_pkey" PRIMARY KEY ("version_id","table_name","hash")
);

-- CreateTable
CREATE TABLE "manifest_pointer" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "content_path" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "activated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "manifest_pointer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "manifest_locks" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "manifest_locks_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "manifest_runs" (
    "id" TEXT NOT NULL,
    "version" TEXT,
    "content_path" TEXT,
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "duration_ms" INTEGER,
    "definitions_written" INTEGER NOT NULL DEFAULT 0,
    "items_added" INTEGER,
    "items_changed" INTEGER,
    "items_removed" INTEGER,
    "outcome" "ManifestRunOutcome" NOT NULL DEFAULT 'running',
    "error" TEXT,

    CONSTRAINT "manifest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "manifest_runs_started_at_idx" ON "manifest_runs"("started_at");
