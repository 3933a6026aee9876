-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "destiny_memberships" JSONB;

-- CreateTable
CREATE TABLE "profile_choices" (
    "user_id" TEXT NOT NULL,
    "membership_id" TEXT NOT NULL,
    "membership_type" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "profile_choices_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "profile_choices" ADD CONSTRAINT "profile_choices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
