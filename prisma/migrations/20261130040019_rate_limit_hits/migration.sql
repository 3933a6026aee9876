-- CreateTable
CREATE TABLE "rate_limit_hits" (
    "bucket" TEXT NOT NULL,
    "window_start" BIGINT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY ("bucket","window_start")
);
