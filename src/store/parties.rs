//! The `parties` and `party_aliases` tables, and seeding them with the shipped parties.
//!
//! Shipped rows have origin `extracted`; the analyst's have origin `analyst`. Re-seeding after
//! an upgrade rewrites shipped rows only, so the analyst's edits survive upgrades.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension};

use super::history::append_history_in;
use super::Store;
use crate::error::{Error, Result};
use crate::model::{Alias, Change, Origin, Party, PartyKind};
use crate::text::fold;

/// The analyst's own parties and alias edits: what a gazetteer applies over the shipped one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartyEdits {
    /// Parties the analyst created (without their aliases, which are in `aliases`).
    pub parties: Vec<Party>,
    /// Aliases the analyst added or removed.
    pub aliases: Vec<AliasEdit>,
}

/// An alias the analyst added to a party, or removed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasEdit {
    /// The party's key.
    pub party: String,
    /// ISO 639-1 code, or "" for every language.
    pub lang: String,
    /// The name.
    pub text: String,
    /// True when the analyst removed it.
    pub removed: bool,
}

impl Store {
    /// Seeds or refreshes the shipped parties (origin `extracted`) when `version` (a hash of the
    /// shipped data) differs from the one seeded last; the analyst's rows are left alone, and a
    /// shipped alias the analyst removed stays removed. Party ids in `parties` are ignored.
    pub fn seed_parties(&mut self, version: &str, parties: &[Party]) -> Result<()> {
        let seeded: Option<String> =
            self.conn().query_row("SELECT value FROM meta WHERE key = 'gazetteer_hash'", [], |r| r.get(0)).optional()?;
        if seeded.as_deref() == Some(version) {
            return Ok(());
        }
        self.setting_up(|store| store.write(|tx| {
            // Asked again under the write lock: processes opening a new store together all see it
            // unseeded, and queue here; only the first seeds, or the queue outlasts the busy timeout.
            let seeded: Option<String> = tx.query_row("SELECT value FROM meta WHERE key = 'gazetteer_hash'", [], |r| r.get(0)).optional()?;
            if seeded.as_deref() == Some(version) {
                return Ok(());
            }
            // Parents may come after children in the list.
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let mut party = tx.prepare(
                "INSERT INTO parties (key, name, kind, country, parent, origin) VALUES (?1, ?2, ?3, ?4, ?5, 'extracted')
                 ON CONFLICT(key) DO UPDATE SET name = ?2, kind = ?3, country = ?4, parent = ?5
                 WHERE parties.origin = 'extracted'",
            )?;
            let mut alias = tx.prepare(
                "INSERT OR IGNORE INTO party_aliases (party_key, lang, text, folded, origin) VALUES (?1, ?2, ?3, ?4, 'extracted')",
            )?;
            for p in parties {
                party.execute(params![p.key, p.name, p.kind.as_str(), p.country, p.parent])?;
                for a in &p.aliases {
                    alias.execute(params![p.key, a.lang, a.text, fold(&a.text)])?;
                }
            }
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('gazetteer_hash', ?1) ON CONFLICT(key) DO UPDATE SET value = ?1",
                [version],
            )?;
            Ok(())
        }))
    }

    /// Parties; all of them with `all`, else those with claims or touched by the analyst.
    pub fn parties(&self, all: bool) -> Result<Vec<(Party, i64)>> {
        let mut st = self.conn().prepare(
            "SELECT p.key, p.id, p.name, p.kind, p.country, p.parent,
                    (SELECT count(*) FROM claims c WHERE c.party_key = p.key) AS n,
                    p.origin = 'analyst' OR EXISTS (SELECT 1 FROM party_aliases a WHERE a.party_key = p.key AND a.origin = 'analyst')
             FROM parties p ORDER BY n DESC, p.key",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })?;
        let mut aliases = self.aliases_by_party()?;
        let mut out = Vec::new();
        for row in rows {
            let (key, id, name, kind, country, parent, n, touched) = row?;
            if !all && n == 0 && !touched {
                continue;
            }
            let kind = PartyKind::parse(&kind).unwrap_or(PartyKind::Organisation);
            let aliases = aliases.remove(&key).unwrap_or_default();
            out.push((Party { id, key, name, kind, country, parent, aliases }, n));
        }
        Ok(out)
    }

    /// One party by key.
    pub fn party(&self, key: &str) -> Result<Party> {
        let (id, name, kind, country, parent): (i64, String, String, Option<String>, Option<String>) = self
            .conn()
            .query_row("SELECT id, name, kind, country, parent FROM parties WHERE key = ?1", [key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?
            .ok_or_else(|| Error::not_found("party", key))?;
        let aliases = self.aliases_of(key)?;
        let kind = PartyKind::parse(&kind).unwrap_or(PartyKind::Organisation);
        Ok(Party { id, key: key.to_string(), name, kind, country, parent, aliases })
    }

    /// Finds a party by key, exact name or alias (accents and case ignored).
    pub fn find_party(&self, name_or_key: &str) -> Result<Party> {
        let key: Option<String> = self
            .conn()
            .query_row(
                "SELECT key FROM parties WHERE key = ?1 OR name = ?1 COLLATE NOCASE
                 UNION ALL SELECT party_key FROM party_aliases WHERE folded = ?2 AND removed = 0 LIMIT 1",
                params![name_or_key, fold(name_or_key)],
                |r| r.get(0),
            )
            .optional()?;
        self.party(&key.ok_or_else(|| Error::not_found("party", name_or_key))?)
    }

    /// One party's aliases, in the order [`Store::parties`] gives them. Read by the party's key
    /// (the alias table's primary key begins with it): a party's page of claims looked its party
    /// up, and reading every party's aliases to keep one's (12,957 rows with the shipped
    /// gazetteer) was most of that page's time at 112,000 claims.
    fn aliases_of(&self, key: &str) -> Result<Vec<Alias>> {
        let mut st = self.conn().prepare_cached(
            "SELECT lang, text, origin FROM party_aliases WHERE party_key = ?1 AND removed = 0 ORDER BY lang, text",
        )?;
        let rows = st.query_map([key], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (lang, text, origin) = row?;
            out.push(Alias { lang, text, origin: Origin::parse(&origin).unwrap_or(Origin::Extracted) });
        }
        Ok(out)
    }

    fn aliases_by_party(&self) -> Result<HashMap<String, Vec<Alias>>> {
        let mut st = self.conn().prepare(
            "SELECT party_key, lang, text, origin FROM party_aliases WHERE removed = 0 ORDER BY party_key, lang, text",
        )?;
        let mut map: HashMap<String, Vec<Alias>> = HashMap::new();
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?)))?;
        for row in rows {
            let (key, lang, text, origin) = row?;
            let origin = Origin::parse(&origin).unwrap_or(Origin::Extracted);
            map.entry(key).or_default().push(Alias { lang, text, origin });
        }
        Ok(map)
    }

    /// Adds an alias to a party (the analyst's), or restores a removed one; the history records it
    /// under `analyst`'s name.
    pub fn add_alias(&mut self, key: &str, lang: &str, alias: &str, analyst: &str) -> Result<()> {
        let alias = alias.trim();
        if alias.is_empty() {
            return Err(Error::bad_input("alias", "is empty"));
        }
        self.party(key)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO party_aliases (party_key, lang, text, folded, origin, removed) VALUES (?1, ?2, ?3, ?4, 'analyst', 0)
                 ON CONFLICT(party_key, lang, text) DO UPDATE SET removed = 0, origin = 'analyst'",
                params![key, lang, alias, fold(alias)],
            )?;
            let new = serde_json::json!({ "party": key, "alias": alias, "lang": lang }).to_string();
            append_history_in(tx, None, None, Change::Party, None, Some(&new), "", analyst)
        })
    }

    /// Removes an alias from a party; a shipped alias stays removed across upgrades. The history
    /// records it under `analyst`'s name.
    pub fn remove_alias(&mut self, key: &str, alias: &str, analyst: &str) -> Result<()> {
        let changed = self.write(|tx| {
            let n = tx.execute(
                "UPDATE party_aliases SET removed = 1, origin = 'analyst' WHERE party_key = ?1 AND folded = ?2 AND removed = 0",
                params![key, fold(alias)],
            )?;
            if n > 0 {
                let old = serde_json::json!({ "party": key, "alias": alias.trim() }).to_string();
                append_history_in(tx, None, None, Change::Party, Some(&old), None, "", analyst)?;
            }
            Ok(n)
        })?;
        if changed == 0 {
            return Err(Error::not_found("alias", format!("{alias:?} of {key}")));
        }
        Ok(())
    }

    /// Who speaks in the claims `filter` picks: each (speaker key, name as written) with its
    /// number of claims, in no order. The key is `text::speaker_key` of the name, whose hash is
    /// the stored key a speaker group's filter ([`super::SpeakerGroupRef`]) tests, so a group
    /// and its claims are one set (two keys sharing a hash aside).
    pub fn speaker_names(&self, filter: &super::ClaimFilter) -> Result<Vec<(String, String, usize)>> {
        let super::claims::FilterSql { sql: from_where, args, .. } = self.filter_sql(filter)?;
        let mut st = self.conn().prepare(&format!("SELECT c.speaker, count(*) {from_where} GROUP BY c.speaker"))?;
        let rows = st.query_map(rusqlite::params_from_iter(args), |r| {
            let name: String = r.get(0)?;
            Ok((crate::text::speaker_key(&name), name, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Creates a party of the analyst's.
    pub fn add_party(&mut self, key: &str, name: &str, kind: PartyKind, country: Option<&str>, parent: Option<&str>) -> Result<Party> {
        if key.trim().is_empty() || name.trim().is_empty() {
            return Err(Error::bad_input("party", "needs a key and a name"));
        }
        if let Some(p) = parent {
            self.party(p)?;
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO parties (key, name, kind, country, parent, origin) VALUES (?1, ?2, ?3, ?4, ?5, 'analyst')",
                params![key, name, kind.as_str(), country, parent],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => Error::bad_input("party", format!("key {key} exists")),
                _ => e.into(),
            })?;
            tx.execute(
                "INSERT OR IGNORE INTO party_aliases (party_key, lang, text, folded, origin) VALUES (?1, '', ?2, ?3, 'analyst')",
                params![key, name, fold(name)],
            )?;
            Ok(())
        })?;
        self.party(key)
    }

    /// The analyst's parties and alias edits, for the gazetteer to apply.
    pub fn party_edits(&self) -> Result<PartyEdits> {
        let mut st = self.conn().prepare(
            "SELECT p.id, p.key, p.name, p.kind, p.country, p.parent FROM parties p WHERE p.origin = 'analyst'",
        )?;
        let rows = st.query_map([], |r| {
            let kind: String = r.get(3)?;
            Ok(Party {
                id: r.get(0)?,
                key: r.get(1)?,
                name: r.get(2)?,
                kind: PartyKind::parse(&kind).unwrap_or(PartyKind::Organisation),
                country: r.get(4)?,
                parent: r.get(5)?,
                aliases: Vec::new(),
            })
        })?;
        let parties = rows.collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn().prepare("SELECT party_key, lang, text, removed FROM party_aliases WHERE origin = 'analyst'")?;
        let rows = st.query_map([], |r| Ok(AliasEdit { party: r.get(0)?, lang: r.get(1)?, text: r.get(2)?, removed: r.get(3)? }))?;
        let aliases = rows.collect::<rusqlite::Result<_>>()?;
        Ok(PartyEdits { parties, aliases })
    }
}
