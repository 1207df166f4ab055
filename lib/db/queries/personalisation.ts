import "server-only";
import { sql } from "drizzle-orm";
import type { OrderItem } from "../../loyalty/tasks";
import type { Database } from "../connect";

export type ShoppingProfile = {
  /** Items bought per category (as the shop names them on order items). */
  categories: { category: string; count: number }[];
  /** The last order's products the shopper has not reviewed yet. */
  toReview: OrderItem[];
  /** The product review task, if the program has an active one, and what a review pays. */
  reviewTask: { id: string; points: number } | null;
  /** "YYYY-MM-DD", if the shopper gave it. */
  birthday: string | null;
};

/** What the shopper buys, in one round trip: Home and the catalog fit themselves to it. */
export async function getShoppingProfile(db: Database, memberId: string): Promise<ShoppingProfile> {
  const { rows } = (await db.execute(sql`
    select
      (select coalesce(jsonb_agg(jsonb_build_object('category', c.category, 'count', c.n)), '[]'::jsonb)
         from (select i->>'category' as category, sum(coalesce((i->>'quantity')::int, 1))::int as n
               from orders o cross join lateral jsonb_array_elements(o.items) i
               where o.member_id = ${memberId} and coalesce(i->>'category', '') <> ''
               group by 1) c) as categories,
      (select coalesce(jsonb_agg(jsonb_build_object('sku', i->>'sku', 'name', i->>'name')), '[]'::jsonb)
         from (select items from orders where member_id = ${memberId} order by paid_at desc limit 1) o
         cross join lateral jsonb_array_elements(o.items) i
         where i->>'sku' is not null
           and not exists (select 1 from task_submissions s where s.member_id = ${memberId} and s.kind = 'product_review'
                           and s.product_sku = i->>'sku' and s.status <> 'rejected')) as to_review,
      (select jsonb_build_object('id', t.id, 'points', t.points) from tasks t where t.kind = 'product_review' and t.active order by t.position, t.id limit 1) as review_task,
      (select to_char(m.birthday, 'YYYY-MM-DD') from members m where m.id = ${memberId}) as birthday`)) as unknown as {
    rows: { categories: { category: string; count: number }[]; to_review: OrderItem[]; review_task: { id: string; points: number } | null; birthday: string | null }[];
  };
  const row = rows[0];
  return { categories: row?.categories ?? [], toReview: row?.to_review ?? [], reviewTask: row?.review_task ?? null, birthday: row?.birthday ?? null };
}
