-- Repair for issue 17. Before this constraint a sign-in over the live session of another player
-- could join a second Bungie account to the user of that player. Such a user keeps the Bungie
-- account it was created with, its earliest link, which is the own membership of the player.
-- The joined accounts are unlinked, so their owners sign in again and get users of their own,
-- and every session of that user ends, since a session row cannot tell which person opened it.
DELETE FROM "sessions"
WHERE "user_id" IN (
    SELECT "user_id" FROM "accounts" GROUP BY "user_id", "provider" HAVING count(*) > 1
);

DELETE FROM "accounts" a
USING (
    SELECT "provider", "provider_account_id",
           row_number() OVER (PARTITION BY "user_id", "provider" ORDER BY "created_at", "provider_account_id") AS "rank"
    FROM "accounts"
) ranked
WHERE ranked."rank" > 1
  AND a."provider" = ranked."provider"
  AND a."provider_account_id" = ranked."provider_account_id";

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_id_provider_key" ON "accounts"("user_id", "provider");
