-- CreateTable
CREATE TABLE "qstash_deliveries" (
    "jti" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "qstash_deliveries_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "qstash_deliveries_expires_at_idx" ON "qstash_deliveries"("expires_at");
