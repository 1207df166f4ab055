-- A member's orders the tier window counts (since `since`), net of refunds: [id, paid at in ms,
-- net cents], oldest first. The one definition of them: lib/db/queries/tiers.ts memberOrdersSql
-- reads it, and so does treue_member_state below.
CREATE FUNCTION treue_member_orders(member uuid, since timestamptz) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN (SELECT coalesce(jsonb_agg(jsonb_build_array(o.id, floor(extract(epoch from o.paid_at) * 1000), o.subtotal_cents - o.refunded_cents) ORDER BY o.paid_at, o.id), '[]'::jsonb)
          FROM orders o WHERE o.member_id = member AND o.paid_at >= since);
END;
$$;--> statement-breakpoint
-- What applying an order depends on of its member: balance, debt, recorded tier, tier floor, a
-- pending referral and the orders the tier window counts. VOLATILE on purpose: in READ COMMITTED
-- each of its queries reads a fresh snapshot, so when it is called in the RETURNING list of the
-- UPDATE that locked the member, it sees what a concurrent transaction committed while this one
-- waited for the lock (a subquery of the same statement would still see the statement's older
-- snapshot). plpgsql, not sql: its query plans are kept per connection instead of planned per call.
CREATE FUNCTION treue_member_state(member uuid, since timestamptz) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  state jsonb;
BEGIN
  SELECT jsonb_build_array(
    m.points_balance,
    m.points_debt,
    m.tier_id,
    m.tier_floor_id,
    floor(extract(epoch from m.tier_floor_until) * 1000),
    exists (SELECT 1 FROM referrals r WHERE r.friend_id = m.id AND r.status = 'joined'),
    treue_member_orders(m.id, since))
  INTO state
  FROM members m WHERE m.id = member;
  RETURN state;
END;
$$;
