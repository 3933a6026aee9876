-- CreateTable
CREATE TABLE "saved_searches" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "used_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_searches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_prefs" (
    "user_id" TEXT NOT NULL,
    "sort" TEXT NOT NULL DEFAULT 'tier',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "search_prefs_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE INDEX "saved_searches_user_id_kind_used_at_idx" ON "saved_searches"("user_id", "kind", "used_at");

-- CreateIndex
CREATE UNIQUE INDEX "saved_searches_user_id_kind_query_key" ON "saved_searches"("user_id", "kind", "query");

-- AddForeignKey
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "search_prefs" ADD CONSTRAINT "search_prefs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
