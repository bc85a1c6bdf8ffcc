//! Parties: summaries with their aliases and claim counts, a party's timeline, and who speaks
//! for it.

use crosscheck::model::{Alias, Party, SpeakerGroup};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

/// Another name of a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AliasDto {
    /// Language code, or "" for every language.
    pub lang: String,
    /// The name.
    pub text: String,
    /// Shipped or the analyst's.
    pub origin: Origin,
}

impl From<&Alias> for AliasDto {
    fn from(a: &Alias) -> Self {
        AliasDto { lang: a.lang.clone(), text: a.text.clone(), origin: a.origin }
    }
}

/// A party with its claim count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PartySummary {
    /// Stable key ("AZ", "RU.mfa").
    pub key: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: PartyKind,
    /// State it stands for.
    pub country: Option<String>,
    /// Parent party key.
    pub parent: Option<String>,
    /// Claims spoken under this key.
    pub claims: u32,
    /// Names it goes by.
    pub aliases: Vec<AliasDto>,
}

impl PartySummary {
    /// The summary of `p` with `claims` claims.
    pub fn new(p: &Party, claims: i64) -> Self {
        PartySummary {
            key: p.key.clone(),
            name: p.name.clone(),
            kind: p.kind,
            country: p.country.clone(),
            parent: p.parent.clone(),
            claims: count32(claims.max(0) as usize),
            aliases: p.aliases.iter().map(AliasDto::from).collect(),
        }
    }
}

/// Claims of a party on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelinePoint {
    /// `YYYY-MM-DD` (the source's publication day, or its import day).
    pub day: String,
    /// Claims that day.
    pub claims: u32,
}

/// One person who speaks for a party, once across languages and scripts: "Сергей Лавров",
/// "Sergueï Lavrov" and "Sergey Lavrov" are one speaker with three names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartySpeaker {
    /// The core's grouping key ("lavrov"): stable for a name, unique within one party's speakers.
    pub id: String,
    /// Every name the sources give them, as written, most frequent first.
    pub names: Vec<String>,
    /// Claims of the party by this speaker.
    pub claims: u32,
}

impl From<SpeakerGroup> for PartySpeaker {
    fn from(g: SpeakerGroup) -> Self {
        PartySpeaker { id: g.id, names: g.names, claims: count32(g.claims) }
    }
}

/// One of a party's speakers named in a claim query: the party they were listed for and their
/// `PartySpeaker::id`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartySpeakerRef {
    /// The party's key.
    pub party: String,
    /// The speaker's `id` among its speakers.
    pub id: String,
}
