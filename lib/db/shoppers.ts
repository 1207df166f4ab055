import { sql, type SQL } from "drizzle-orm";
import { env } from "../env";

/**
 * Who counts as a shopper: the one rule behind the console's member counts, its member list and
 * search, the Insights' member figures and the campaigns' audiences.
 *
 * A member row is a shopper when it is a plain member (role "member") and not an owner named in
 * TREUE_OWNER_EMAILS (those are stored as members until someone changes their role, yet run the
 * shop), or when it has bought: at least one order credited to it (a row in `orders`, which only
 * the paid-order paths write). So a shop's staff stay out of its figures until they buy in their
 * own shop, and then they count like anyone else.
 *
 * `alias` names the members table in the surrounding query ("m", or "members" when unaliased).
 */
export function shopperWhere(alias = "m", ownerEmails: readonly string[] = env().ownerEmails): SQL {
  const m = sql.identifier(alias);
  const notEnvOwner = ownerEmails.length === 0 ? sql`true` : sql`lower(${m}.email) not in (${sql.join(ownerEmails.map((e) => sql`${e.toLowerCase()}`), sql`, `)})`;
  return sql`((${m}.role = 'member' and ${notEnvOwner}) or exists (select 1 from orders bought where bought.member_id = ${m}.id))`;
}

/** The ids of all shoppers, as a subquery (`member_id in ${shopperIds()}`). */
export function shopperIds(ownerEmails?: readonly string[]): SQL {
  return sql`(select shopper.id from members shopper where ${shopperWhere("shopper", ownerEmails)})`;
}
