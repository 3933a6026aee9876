-- CreateTable
CREATE TABLE "item_annotations" (
    "user_id" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "tag" TEXT,
    "notes" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "item_annotations_pkey" PRIMARY KEY ("user_id","instance_id")
);

-- AddForeignKey
ALTER TABLE "item_annotations" ADD CONSTRAINT "item_annotations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
