//! Queries for an interactive browser of a large store: claim pages (one window of a long list,
//! with the total), claims per day, claim counts per source; and merging parties.
//!
//! Pages are ordered like [`Store::claims`] (the filter's order) so that a window and the
//! full list agree; date bounds apply to the source's publication date, or its import date when
//! the publication date is unknown.

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, types::Value};

use super::claims::{from_row, ClaimFilter, COLUMNS};
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Claim, Party};
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
    /// How many claims match the filter in all.
    pub total: usize,
    /// The claims at `offset..offset + limit` of the full list.
    pub claims: Vec<Claim>,
}

/// The source date used for date filters and timelines, as `YYYY-MM-DD`.
const SOURCE_DAY: &str = "substr(coalesce(s.published_at, s.imported_at), 1, 10)";

impl Store {
    /// The claims at `offset..offset + limit` of those matching `filter` and `dates`, with the total.
    pub fn claims_page(&self, filter: &ClaimFilter, dates: &DateSpan, offset: usize, limit: usize) -> Result<ClaimPage> {
        let (from_where, mut args) = self.dated_filter_sql(filter, dates)?;
        let total: i64 = self
            .conn()
            .query_row(&format!("SELECT count(*) {from_where}"), params_from_iter(args.iter()), |r| r.get(0))?;
        args.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
        args.push(Value::Integer(offset.min(i64::MAX as usize) as i64));
        let n = args.len();
        let sql = format!("SELECT {COLUMNS} {from_where} ORDER BY {} LIMIT ?{} OFFSET ?{n}", filter.order.sql(), n - 1);
        let mut st = self.conn().prepare(&sql)?;
        let claims = st.query_map(params_from_iter(args), from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(ClaimPage { total: total as usize, claims })
    }

    /// How many claims match `filter` per source day, oldest day first.
    pub fn claims_by_day(&self, filter: &ClaimFilter) -> Result<Vec<(NaiveDate, usize)>> {
        let (from_where, args) = self.dated_filter_sql(filter, &DateSpan::default())?;
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

    fn dated_filter_sql(&self, filter: &ClaimFilter, dates: &DateSpan) -> Result<(String, Vec<Value>)> {
        let (mut sql, mut args) = self.filter_sql(filter)?;
        // The join goes before any WHERE the claim filter wrote.
        let join = " JOIN sources s ON s.id = c.source_id";
        match sql.find(" WHERE ") {
            Some(i) => sql.insert_str(i, join),
            None => sql.push_str(join),
        }
        let mut bounds = Vec::new();
        for (day, op) in [(dates.from, ">="), (dates.to, "<=")] {
            if let Some(d) = day {
                args.push(Value::Text(d.format("%Y-%m-%d").to_string()));
                bounds.push(format!("{SOURCE_DAY} {op} ?{}", args.len()));
            }
        }
        if !bounds.is_empty() {
            sql.push_str(if sql.contains(" WHERE ") { " AND " } else { " WHERE " });
            sql.push_str(&bounds.join(" AND "));
        }
        Ok((sql, args))
    }

    /// Folds party `from` into party `into`: its claims, sub-parties and names move to `into`.
    /// An analyst's party is deleted; a shipped one is kept without aliases.
    pub fn merge_parties(&mut self, from: &str, into: &str) -> Result<Party> {
        if from == into {
            return Err(Error::bad_input("merge", format!("{from} cannot be merged into itself")));
        }
        let source = self.party(from)?;
        self.party(into)?;
        let mut names: Vec<(String, String)> = source.aliases.iter().map(|a| (a.lang.clone(), a.text.clone())).collect();
        names.push((String::new(), source.name.clone()));
        self.write(|tx| {
            tx.execute("UPDATE claims SET party_key = ?2 WHERE party_key = ?1", params![from, into])?;
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
