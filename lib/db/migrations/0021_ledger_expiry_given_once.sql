-- The ledger stays append-only with one exception: a row written without an expiry may be given
-- one, once, and nothing else about it may change (lib/db/queries/expiry.ts backfillLedgerExpiry:
-- the points keep the expiry of the rule they were credited under, even after the rule changes).
CREATE OR REPLACE FUNCTION treue_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.expires_at IS NULL AND NEW.expires_at IS NOT NULL
     AND (to_jsonb(NEW) - 'expires_at') = (to_jsonb(OLD) - 'expires_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ledger_entries is append-only';
END;
$$;
