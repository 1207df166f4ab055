-- The same bounds as 0009's SQL function, as a loop over the (short) item array: PostgreSQL cannot
-- inline a set-returning SQL function into a generated column, and the loop is about six times
-- faster per order (1M orders: 0.9 s instead of 5.1 s), which the history import feels most.
CREATE OR REPLACE FUNCTION treue_product_type_bound(items jsonb, largest boolean) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  item jsonb;
  t text;
  best text;
BEGIN
  IF jsonb_typeof(items) IS DISTINCT FROM 'array' THEN
    RETURN NULL;
  END IF;
  FOR i IN 0 .. jsonb_array_length(items) - 1 LOOP
    item := items -> i;
    t := coalesce(nullif(item ->> 'category', ''), item ->> 'sku');
    IF t IS NOT NULL AND (best IS NULL OR CASE WHEN largest THEN t COLLATE "C" > best COLLATE "C" ELSE t COLLATE "C" < best COLLATE "C" END) THEN
      best := t;
    END IF;
  END LOOP;
  RETURN best;
END;
$$;
