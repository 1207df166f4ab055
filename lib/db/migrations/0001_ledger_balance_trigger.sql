-- The balance moves only with a ledger row, in the same statement: inserting a row applies
-- its delta, and members_balance_non_negative rejects the insert if it would overdraw.
CREATE FUNCTION treue_apply_ledger_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members SET points_balance = points_balance + NEW.delta, updated_at = now()
  WHERE id = NEW.member_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_apply_delta AFTER INSERT ON ledger_entries
FOR EACH ROW EXECUTE FUNCTION treue_apply_ledger_delta();
--> statement-breakpoint
-- Append-only: history is corrected by new rows (kind 'adjust'), never by editing old ones.
CREATE FUNCTION treue_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
FOR EACH ROW EXECUTE FUNCTION treue_ledger_is_append_only();
