//! Queries for an interactive browser of a large store: claim pages (one window of a long list,
//! with the total, or only its ids), claims per day, claim counts per source; and merging parties.
//!
//! Pages are ordered like [`Store::claims`] (the filter's order) so that a window and the
//! full list agree; date bounds apply to the source's publication date, or its import date when
//! the publication date is unknown.

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, types::Value};

use super::claims::{from_row, ClaimFilter, ClaimOrder, ClaimSort, FilterSql, COLUMNS, STATE_SET, STATE_WALK};
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Change, Claim, Party};
use crate::text::fold;

/// Inclusive bounds on a claim's source date; `None` leaves that side open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateSpan {
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

/// One window of a filtered claim list.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimPage {
    /// How many claims match the filter in all, or, when `total_exact` is false, how many at
    /// least: a page counts a search or a party only as far as it must (see [`count_bound`]).
    pub total: usize,
    /// Whether `total` counts every match; when not, [`Store::claims_total`] does.
    pub total_exact: bool,
    /// The claims at `offset..offset + limit` of the full list.
    pub claims: Vec<Claim>,
}

/// The fewest matches a page counts before it may stop counting and call its total a lower
/// bound. Below it a total is always exact, so a small workspace never sees a bound; past it an
/// analyst learns "10,000 or more" at once and the exact figure a call later
/// ([`Store::claims_total`]).
pub const COUNT_FLOOR: usize = 10_000;

/// How far a page's count must go: the smallest number, at least `floor`, at which a filter
/// matching that many claims would be read by walking the reading order ([`walk_pays`]), so that
/// a count stopped there chooses the page's plan as the full count would. Counting a common
/// word's 85,446 matches at a million claims stepped through every one of them (40 M of the
/// page's 92 M instructions), and a large party's 71,351 cost 217 M, for a figure the analyst
/// reads as "many"; the bound for a first page of 200 there is 14,217.
fn count_bound(want: usize, rows: usize, floor: usize) -> usize {
    // `walk_pays` turns once, near the square root of `want × rows`: found by doubling, then
    // halving the interval (`want` may be `usize::MAX`, a report's "every claim").
    let mut hi = 1usize;
    while !walk_pays(want, rows, hi) {
        if hi == usize::MAX {
            return usize::MAX;
        }
        hi = hi.saturating_mul(2);
    }
    let mut lo = hi / 2; // does not pay (or is 0)
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if walk_pays(want, rows, mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi.max(floor)
}

/// A count that may have stopped at a bound: `exact` when it did not reach it.
#[derive(Debug, Clone, Copy)]
struct Count {
    n: usize,
    exact: bool,
}

/// Joins each claim's source `s` to a claim filter's `FROM … WHERE …`, before any WHERE.
fn with_sources(mut sql: String) -> String {
    let join = " JOIN sources s ON s.id = c.source_id";
    match sql.find(" WHERE ") {
        Some(i) => sql.insert_str(i, join),
        None => sql.push_str(join),
    }
    sql
}

/// Migration 21: how many claims each block of [`READING_BLOCK`] consecutive source ids holds,
/// kept by triggers. The whole list in reading order is sorted by source first, so the claim at
/// a given offset is in the block where these counts, summed in order, pass it: a page deep in
/// the list seeks to its block's first source and skips at most a block's claims, where it
/// walked the reading-order index over every claim before it (907,000 index entries for a page
/// near the end of a million claims, and the total counted every claim again). Blocks of source
/// ids, not sources: a million claims from 74,000 dispatches are 1,160 rows to sum.
/// (Written to run again over its own work: tests rebuild older stores from newer ones.)
pub(super) const READING_BLOCKS: &str = r#"
CREATE TABLE IF NOT EXISTS claim_blocks (
    block INTEGER PRIMARY KEY,
    claims INTEGER NOT NULL
);
DELETE FROM claim_blocks;
INSERT INTO claim_blocks (block, claims) SELECT source_id >> 6, count(*) FROM claims GROUP BY source_id >> 6;
CREATE TRIGGER IF NOT EXISTS claims_blocks_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claim_blocks (block, claims) VALUES (new.source_id >> 6, 1)
        ON CONFLICT (block) DO UPDATE SET claims = claims + 1;
END;
CREATE TRIGGER IF NOT EXISTS claims_blocks_ad AFTER DELETE ON claims BEGIN
    UPDATE claim_blocks SET claims = claims - 1 WHERE block = old.source_id >> 6;
END;
CREATE TRIGGER IF NOT EXISTS claims_blocks_au AFTER UPDATE OF source_id ON claims BEGIN
    UPDATE claim_blocks SET claims = claims - 1 WHERE block = old.source_id >> 6;
    INSERT INTO claim_blocks (block, claims) VALUES (new.source_id >> 6, 1)
        ON CONFLICT (block) DO UPDATE SET claims = claims + 1;
END;
"#;

/// Whether a page in reading order is reached sooner by walking the reading-order index and
/// testing each claim, stopping at the page, than by fetching every match and sorting them: when
/// the walk, expected to read `want × rows / total` claims, reads fewer than the filter holds.
/// SQLite's planner, misled by the full-text index's estimate, fetched and sorted a common
/// word's 8,700 claims for its first page.
fn walk_pays(want: usize, rows: usize, total: usize) -> bool {
    want.saturating_mul(rows) / total.max(1) < total
}

/// Source ids a block of [`READING_BLOCKS`] spans, as a shift (the triggers' `>> 6`).
pub(super) const READING_BLOCK_BITS: u32 = 6;

/// Where the whole list's claim at some offset is: the first source id of its block, and its
/// offset from that block's first claim.
struct BlockSeek {
    first_source: i64,
    offset: usize,
}

/// How a page's claims are read.
enum PageRows {
    /// A query and its arguments.
    Sql(String, Vec<Value>),
    /// The claims' ids, in the page's order.
    Ids(Vec<i64>),
}

/// The source date used for date filters and timelines, as `YYYY-MM-DD`.
const SOURCE_DAY: &str = "substr(coalesce(s.published_at, s.imported_at), 1, 10)";

impl Store {
    /// The claims at `offset..offset + limit` of those matching `filter` and `dates`, with the total.
    pub fn claims_page(&self, filter: &ClaimFilter, dates: &DateSpan, offset: usize, limit: usize) -> Result<ClaimPage> {
        self.claims_page_counting(filter, dates, offset, limit, COUNT_FLOOR)
    }

    /// [`Store::claims_page`], its total counted at least as far as `floor`.
    fn claims_page_counting(&self, filter: &ClaimFilter, dates: &DateSpan, offset: usize, limit: usize, floor: usize) -> Result<ClaimPage> {
        let (total, rows) = self.page_rows(filter, dates, offset, limit, COLUMNS, floor)?;
        let claims = match rows {
            PageRows::Sql(sql, args) => {
                let mut st = self.conn().prepare(&sql)?;
                let claims = st.query_map(params_from_iter(args), from_row)?.collect::<rusqlite::Result<_>>()?;
                claims
            }
            PageRows::Ids(ids) => {
                let mut st = self.conn().prepare_cached(&format!("SELECT {COLUMNS} FROM claims c WHERE c.id = ?1"))?;
                ids.into_iter().map(|id| st.query_row([id], from_row)).collect::<rusqlite::Result<_>>()?
            }
        };
        Ok(ClaimPage { total: total.n, total_exact: total.exact, claims })
    }

    /// How many claims match `filter` and `dates`, every one counted: the exact total of a page
    /// whose count stopped at its bound (`ClaimPage::total_exact` false).
    pub fn claims_total(&self, filter: &ClaimFilter, dates: &DateSpan) -> Result<usize> {
        let f = self.dated_filter_sql(filter, dates)?;
        if f.sql == "FROM claims c" {
            return Ok(usize::try_from(self.claim_count()?).unwrap_or(0));
        }
        Ok(self.count(&f, None)?.n)
    }

    /// How many claims a filter matches, counted up to `bound` when there is one: through the
    /// index of its one set when it has one, else through the claims.
    fn count(&self, f: &FilterSql, bound: Option<usize>) -> Result<Count> {
        let limit = bound.map_or(-1, |b| b.min(i64::MAX as usize) as i64);
        let sql = match &f.set {
            Some(set) => format!("SELECT count(*) FROM ({set} LIMIT {limit})"),
            None => format!("SELECT count(*) FROM (SELECT 1 {} LIMIT {limit})", f.sql),
        };
        let n = self.conn().query_row(&sql, params_from_iter(f.args.iter()), |r| r.get::<_, i64>(0))?;
        let n = usize::try_from(n).unwrap_or(0);
        Ok(Count { n, exact: bound.is_none_or(|b| n < b) })
    }

    /// The ids of the claims at `offset..offset + limit` of those matching `filter` and `dates`,
    /// in the page's order: a range the analyst selects across pages not loaded, without the
    /// claims' rows.
    pub fn claim_ids_page(&self, filter: &ClaimFilter, dates: &DateSpan, offset: usize, limit: usize) -> Result<Vec<i64>> {
        match self.page_rows(filter, dates, offset, limit, "c.id", COUNT_FLOOR)?.1 {
            PageRows::Sql(sql, args) => {
                let mut st = self.conn().prepare(&sql)?;
                let ids = st.query_map(params_from_iter(args), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                Ok(ids)
            }
            PageRows::Ids(ids) => Ok(ids),
        }
    }

    /// The total of a filter (counted up to [`count_bound`] of `floor`) and how to read its
    /// claims at `offset..offset + limit`: a query selecting `columns`, or their ids.
    fn page_rows(&self, filter: &ClaimFilter, dates: &DateSpan, offset: usize, limit: usize, columns: &str, floor: usize) -> Result<(Count, PageRows)> {
        let f = self.dated_filter_sql(filter, dates)?;
        // The whole list in reading order: its total and its page's place from the block counts.
        if f.sql == "FROM claims c" && filter.order == ClaimOrder::default() {
            let (total, seek) = self.block_seek(offset)?;
            let sql = match seek {
                Some(BlockSeek { first_source, offset }) => format!(
                    "SELECT {columns} FROM claims c INDEXED BY claims_reading_order WHERE c.source_id >= {first_source}
                     ORDER BY {} LIMIT {} OFFSET {offset}",
                    filter.order.sql(),
                    limit.min(i64::MAX as usize)
                ),
                None => format!("SELECT {columns} FROM claims c WHERE 0"),
            };
            return Ok((Count { n: total, exact: true }, PageRows::Sql(sql, f.args)));
        }
        let rows = self.conn().query_row("SELECT coalesce(max(id), 0) FROM claims", [], |r| r.get::<_, i64>(0))? as usize;
        let want = offset.saturating_add(limit);
        let bound = count_bound(want, rows, floor);
        // A search alone in reading order reads its matches once, for its total and for the
        // claims its walk passes: counting them and then matching again for the page ran the
        // full-text query twice and built a set of every match from the second run (~97,000
        // claims for a common word at a million), most of a search's time.
        let mut searched = None;
        if let (Some(query), ClaimSort::Reading) = (&f.full_text, filter.order.by) {
            match self.walked_search(query, filter.order.descending, offset, limit, rows, bound)? {
                (total, Some(page)) => return Ok((total, PageRows::Ids(page))),
                (total, None) => searched = Some(total),
            }
        }
        let total = match searched {
            Some(total) => total,
            None => self.count(&f, Some(bound))?,
        };
        // A count stopped at its bound is past where walking pays (`count_bound`).
        let walk = filter.order.by == ClaimSort::Reading && f.sql.contains(" WHERE ") && (!total.exact || walk_pays(want, rows, total.n));
        let FilterSql { sql: from_where, mut args, .. } = f;
        let from_where = if walk {
            from_where.replacen("FROM claims c", "FROM claims c INDEXED BY claims_reading_order", 1).replace(STATE_SET, STATE_WALK)
        } else {
            from_where
        };
        args.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
        args.push(Value::Integer(offset.min(i64::MAX as usize) as i64));
        let n = args.len();
        let sql = format!("SELECT {columns} {from_where} ORDER BY {} LIMIT ?{} OFFSET ?{n}", filter.order.sql(), n - 1);
        Ok((total, PageRows::Sql(sql, args)))
    }

    /// A search alone in reading order: its total (counted up to `bound`), and the ids of its
    /// claims at `offset..offset + limit` found by walking the reading-order index — `None` when
    /// it matches too few claims for a walk to pay (see [`walk_pays`]). `rows` is the highest
    /// claim id.
    ///
    /// A stretch of the reading order is walked first (ids only, no claim's row). The full-text
    /// query then lists its first `bound` matches in id order, from the end of the ids the walk
    /// starts at: when the walk meets the page's claims before any id past the last one listed,
    /// the page is known, and FTS5 stepped through `bound` matches, not all of them (the reading
    /// order follows the ids but for claims added later to an older source); when fewer than
    /// `bound` matched, every match is listed and the walk goes as far as its page without
    /// another query. Otherwise one query
    /// counts every match and hands over those in the stretch's id range; when the stretch holds
    /// fewer matches than the page needs, a longer one is walked and the query run again.
    fn walked_search(&self, query: &str, descending: bool, offset: usize, limit: usize, rows: usize, bound: usize) -> Result<(Count, Option<Vec<i64>>)> {
        let want = offset.saturating_add(limit);
        // A common word's page lies well within this stretch: «forces» fills 200 rows within
        // the first 2,300 claims.
        let mut reach = want.saturating_mul(16).max(4096);
        let mut walked = self.reading_order_ids(descending, reach)?;
        let (total, first) = self.first_matches(query, descending, bound)?;
        if total.exact && !walk_pays(want, rows, total.n) {
            return Ok((total, None));
        }
        let listed = |id: i64| first.binary_search_by(|m| if descending { id.cmp(m) } else { m.cmp(&id) }).is_ok();
        if total.exact {
            // Every match is listed: the walk goes as far as the page needs, with no other query.
            loop {
                let page: Vec<i64> = walked.iter().copied().filter(|&id| listed(id)).skip(offset).take(limit).collect();
                if page.len() == limit || walked.len() < reach {
                    return Ok((total, Some(page)));
                }
                reach = reach.saturating_mul(4).max(want.saturating_mul(rows) / total.n.max(1) * 2);
                walked = self.reading_order_ids(descending, reach)?;
            }
        }
        // Whether the listed matches say if a claim matches: its id is on the listed side of the
        // last one.
        let known = |id: i64| first.last().is_some_and(|&last| if descending { id >= last } else { id <= last });
        let mut page = Vec::new();
        let mut passed = 0;
        for &id in &walked {
            if page.len() == limit || !known(id) {
                break;
            }
            if listed(id) {
                if passed >= offset {
                    page.push(id);
                }
                passed += 1;
            }
        }
        if page.len() == limit {
            return Ok((total, Some(page)));
        }
        loop {
            let (lo, hi) = (walked.iter().min().copied().unwrap_or(0), walked.iter().max().copied().unwrap_or(-1));
            let (n, within) = self.matches_within(query, lo, hi)?;
            let total = Count { n, exact: true };
            if !walk_pays(want, rows, n) {
                return Ok((total, None));
            }
            let page: Vec<i64> = walked.iter().copied().filter(|id| within.binary_search(id).is_ok()).skip(offset).take(limit).collect();
            if page.len() == limit || walked.len() < reach {
                return Ok((total, Some(page)));
            }
            // As far again as the matches' density says the page lies, with room; at least
            // four times as far, so that the walk soon reaches the end of the list.
            reach = reach.saturating_mul(4).max(want.saturating_mul(rows) / n.max(1) * 2);
            walked = self.reading_order_ids(descending, reach)?;
        }
    }

    /// A full-text query's first `bound` matches in id order, from the lowest id up (from the
    /// highest down when `descending`), and their number: exact when fewer than `bound`.
    fn first_matches(&self, query: &str, descending: bool, bound: usize) -> Result<(Count, Vec<i64>)> {
        let sql = if descending {
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
        } else {
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 ORDER BY rowid LIMIT ?2"
        };
        let mut st = self.conn().prepare_cached(sql)?;
        let ids: Vec<i64> = st.query_map(params![query, bound.min(i64::MAX as usize) as i64], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok((Count { n: ids.len(), exact: ids.len() < bound }, ids))
    }

    /// The first `n` claim ids in reading order (from the end when `descending`).
    fn reading_order_ids(&self, descending: bool, n: usize) -> Result<Vec<i64>> {
        let sql = if descending {
            "SELECT id FROM claims INDEXED BY claims_reading_order ORDER BY source_id DESC, start DESC, id DESC LIMIT ?1"
        } else {
            "SELECT id FROM claims INDEXED BY claims_reading_order ORDER BY source_id, start, id LIMIT ?1"
        };
        let mut st = self.conn().prepare_cached(sql)?;
        let ids = st.query_map([n.min(i64::MAX as usize) as i64], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// How many claims a full-text query matches, and those of them with ids in `lo..=hi`,
    /// sorted: one pass over the matches, each counted in SQLite and only those in the range
    /// handed over.
    fn matches_within(&self, query: &str, lo: i64, hi: i64) -> Result<(usize, Vec<i64>)> {
        let mut st = self.conn().prepare_cached(
            "SELECT count(*), json_group_array(rowid) FILTER (WHERE rowid BETWEEN ?2 AND ?3) FROM claims_fts WHERE claims_fts MATCH ?1",
        )?;
        let (total, mut within) = st.query_row(params![query, lo, hi], |r| {
            let ids: String = r.get(1)?;
            let ids: Vec<i64> =
                serde_json::from_str(&ids).map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e)))?;
            Ok((r.get::<_, i64>(0)?, ids))
        })?;
        within.sort_unstable();
        Ok((usize::try_from(total).unwrap_or(0), within))
    }

    /// The number of claims, and where the claim at `offset` of the whole list in reading order
    /// is (`None` past the end), from the block counts of [`READING_BLOCKS`].
    fn block_seek(&self, offset: usize) -> Result<(usize, Option<BlockSeek>)> {
        let mut st = self.conn().prepare_cached("SELECT block, claims FROM claim_blocks WHERE claims > 0 ORDER BY block")?;
        let blocks = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        let (mut total, mut seek) = (0usize, None);
        for block in blocks {
            let (block, claims) = block?;
            let claims = usize::try_from(claims).unwrap_or(0);
            if seek.is_none() && offset < total + claims {
                seek = Some(BlockSeek { first_source: block << READING_BLOCK_BITS, offset: offset - total });
            }
            total += claims;
        }
        Ok((total, seek))
    }

    /// How many claims match `filter` per source day, oldest day first.
    pub fn claims_by_day(&self, filter: &ClaimFilter) -> Result<Vec<(NaiveDate, usize)>> {
        let FilterSql { sql: from_where, args, .. } = self.filter_sql(filter)?;
        let from_where = with_sources(from_where);
        let sql = format!("SELECT {SOURCE_DAY} AS day, count(*) {from_where} GROUP BY day ORDER BY day");
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map(params_from_iter(args), |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (day, n) = row?;
            // A date the store cannot parse is a damaged row; it is left out of the timeline rather than failing it.
            if let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
                out.push((day, n as usize));
            }
        }
        Ok(out)
    }

    /// [`Store::filter_sql`] with the date bounds; the sources are joined only when there are
    /// bounds (joined always, a page deep in the list and its count looked up every claim's
    /// source: 52 ms in the sqlite3 shell at 108,000 claims, 6 ms without).
    fn dated_filter_sql(&self, filter: &ClaimFilter, dates: &DateSpan) -> Result<FilterSql> {
        let mut f = self.filter_sql(filter)?;
        let mut bounds = Vec::new();
        for (day, op) in [(dates.from, ">="), (dates.to, "<=")] {
            if let Some(d) = day {
                f.args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
                bounds.push(format!("{SOURCE_DAY} {op} ?{}", f.args.len()));
            }
        }
        if !bounds.is_empty() {
            f.sql = with_sources(f.sql);
            f.sql.push_str(if f.sql.contains(" WHERE ") { " AND " } else { " WHERE " });
            f.sql.push_str(&bounds.join(" AND "));
            // A count of the filter's set alone, or its matches alone, would ignore the dates.
            f.set = None;
            f.full_text = None;
        }
        Ok(f)
    }

    /// Folds party `from` into party `into`: its claims, sub-parties and names move to `into`.
    /// An analyst's party is deleted; a shipped one is kept without aliases.
    pub fn merge_parties(&mut self, from: &str, into: &str, analyst: &str) -> Result<Party> {
        if from == into {
            return Err(Error::bad_input("merge", format!("{from} cannot be merged into itself")));
        }
        let source = self.party(from)?;
        self.party(into)?;
        let mut names: Vec<(String, String)> = source.aliases.iter().map(|a| (a.lang.clone(), a.text.clone())).collect();
        names.push((String::new(), source.name.clone()));
        self.write(|tx| {
            let moved = tx.execute("UPDATE claims SET party_key = ?2 WHERE party_key = ?1", params![from, into])?;
            let (old, new) = (serde_json::json!({ "party": from, "name": source.name }), serde_json::json!({ "party": into, "claims": moved }));
            super::history::append_history_in(tx, None, None, Change::Party, Some(&old.to_string()), Some(&new.to_string()), "", analyst)?;
            tx.execute("UPDATE parties SET parent = ?2 WHERE parent = ?1", params![from, into])?;
            for (lang, text) in &names {
                tx.execute(
                    "INSERT INTO party_aliases (party_key, lang, text, folded, origin, removed) VALUES (?1, ?2, ?3, ?4, 'analyst', 0)
                     ON CONFLICT(party_key, lang, text) DO UPDATE SET removed = 0, origin = 'analyst'",
                    params![into, lang, text, fold(text)],
                )?;
            }
            // A party of the analyst's goes; a shipped one stays (a gazetteer re-seed would bring it
            // back) but loses its names, marked removed so that a re-seed does not restore them.
            tx.execute("DELETE FROM parties WHERE key = ?1 AND origin = 'analyst'", [from])?;
            tx.execute("UPDATE party_aliases SET removed = 1, origin = 'analyst' WHERE party_key = ?1", [from])?;
            Ok(())
        })?;
        self.party(into)
    }

    /// Number of claims per source id.
    pub fn claim_counts_by_source(&self) -> Result<std::collections::HashMap<i64, usize>> {
        let mut st = self.conn().prepare("SELECT source_id, count(*) FROM claims GROUP BY source_id")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Origin, PartyKind, Speaker, Stance, TextQuoteSelector};
    use crate::store::{NewClaim, NewSource};

    /// A store of `sources` sources of `per_source` claims each; every `every`th claim says
    /// "forces" and is spoken for UA (under its key, a sub-party's, or by a speaker standing for
    /// it with no party), the others say "calme" and are spoken for no one.
    fn store(sources: usize, per_source: usize, every: usize) -> Store {
        let mut store = Store::in_memory().expect("store");
        store.add_party("UA", "Ukraine", PartyKind::State, Some("UA"), None).expect("party");
        for sub in ["UA.army", "UA.mfa"] {
            store.add_party(sub, sub, PartyKind::Organisation, Some("UA"), Some("UA")).expect("sub-party");
        }
        store
            .write(|tx| {
                let mut k = 0;
                for s in 0..sources {
                    let text = format!("Dépêche {s}. {}", "Les forces restent calmes à la frontière. ".repeat(per_source));
                    let source = NewSource { title: format!("d{s}"), format: "text".into(), text: &text, ..Default::default() };
                    let hash = crate::text::hash(text.as_bytes());
                    let crate::store::Inserted::New(id) = super::super::insert_source_hashed_in(tx, &source, &hash)? else { unreachable!("distinct texts") };
                    for i in 0..per_source {
                        let hit = k % every == 0;
                        let party = [Some("UA"), Some("UA.army"), Some("UA.mfa"), None][k % 4];
                        let speaker = if hit {
                            Speaker { name: format!("porte-parole {k}"), party: party.map(str::to_string), countries: vec!["UA".into()] }
                        } else {
                            Speaker { name: "témoin".into(), party: None, countries: Vec::new() }
                        };
                        let text = if hit { "les forces avancent" } else { "tout est calme" };
                        let claim = NewClaim {
                            source_id: id,
                            anchor: Anchor { start: 12 + i * 43, end: 20 + i * 43, selector: TextQuoteSelector { exact: text.into(), prefix: String::new(), suffix: String::new() } },
                            text: text.into(),
                            speaker,
                            cue: "a déclaré".into(),
                            stance: Stance::Assert,
                            via: Vec::new(),
                            responds_to: None,
                            origin: Origin::Analyst,
                            doubts: Vec::new(),
                        };
                        super::super::insert_claim_in(tx, &claim)?;
                        k += 1;
                    }
                }
                Ok(())
            })
            .expect("claims written");
        store
    }

    #[test]
    fn a_page_counts_a_common_word_or_a_large_party_only_to_its_bound_and_the_exact_total_is_asked_for_apart() {
        // 600 claims, 200 of them matching densely: with a floor of 20, a first page of 10 may
        // stop counting at count_bound(10, 600, 20) = 78.
        let store = store(12, 50, 3);
        let bound = count_bound(10, 600, 20);
        assert_eq!(bound, 78, "where walking a first page of 10 pays among 600 claims");
        for filter in [
            ClaimFilter { query: Some("forces".into()), ..Default::default() },
            ClaimFilter { party: Some("UA".into()), ..Default::default() },
        ] {
            let exact = store.claims_total(&filter, &DateSpan::default()).expect("total");
            let all: Vec<i64> = store.claims(&filter).expect("claims").iter().map(|c| c.id).collect();
            assert_eq!(exact, all.len(), "the exact total counts every claim of {filter:?}");
            assert!(exact > bound, "{exact} matches, more than the bound");
            for descending in [false, true] {
                let filter = ClaimFilter { order: ClaimOrder { descending, ..Default::default() }, ..filter.clone() };
                let all: Vec<i64> = store.claims(&filter).expect("claims").iter().map(|c| c.id).collect();
                for (offset, counted) in [(0, false), (3, false), (190, true)] {
                    let page = store.claims_page_counting(&filter, &DateSpan::default(), offset, 10, 20).expect("page");
                    let ids: Vec<i64> = page.claims.iter().map(|c| c.id).collect();
                    assert_eq!(ids, all.iter().skip(offset).take(10).copied().collect::<Vec<_>>(), "page at {offset} of {filter:?}");
                    // A page deep in the list needs more matches than the bound: it counts them all.
                    assert_eq!(page.total_exact, counted, "whether the page at {offset} counted every claim of {filter:?}");
                    let expected = if counted { exact } else { count_bound(offset + 10, 600, 20) };
                    assert_eq!(page.total, expected, "the page's total at {offset} of {filter:?}");
                }
            }
            // Past the floor no bound is taken: a workspace of fewer matches sees exact totals only.
            let page = store.claims_page(&filter, &DateSpan::default(), 0, 10).expect("page");
            assert!(page.total_exact && page.total == exact, "under COUNT_FLOOR the total of {filter:?} is exact");
        }
    }

    #[test]
    fn the_count_bound_is_where_walking_the_reading_order_starts_to_pay() {
        for (want, rows) in [(200, 1_010_476), (10, 600), (1, 1), (0, 0), (5_000, 10_000_000), (usize::MAX, 1_000_000)] {
            let b = count_bound(want, rows, 0);
            assert!(walk_pays(want, rows, b), "{want} of {rows}: a count reaching {b} walks");
            assert!(b == 1 || !walk_pays(want, rows, b - 1), "{want} of {rows}: {} does not walk", b - 1);
        }
        assert_eq!(count_bound(200, 1_010_476, 0), 14_217, "a first page of 200 at a million claims");
        assert_eq!(count_bound(10, 600, COUNT_FLOOR), COUNT_FLOOR, "never below the floor");
    }
}
