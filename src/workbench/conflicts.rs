//! Conflicts: listing them, running detection outside an import, the analyst's review (confirm,
//! reject with a reason, build by hand, add or remove a claim) and the diff view that puts claims
//! side by side. Reviews, and conflicts built or added to by hand, need the analyst's name: each
//! goes to the history.
//! A rejected conflict's pairs, and a claim removed from a conflict, are remembered as rejected
//! pairs, so detection never proposes them again.

use super::Workbench;
use crate::align::candidates::CandidateConfig;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::align::diff::{self, ConflictCard, DiffView, Layout, ViewInput};
use crate::align::facts::Lexicon;
use crate::align::{self, DetectSummary};
use crate::error::{Error, Result};
use crate::model::{conflict_status as status, Conflict};
use crate::store::{self, ConflictFilter};

impl Workbench {
    /// Conflicts matching `filter`; its status may be any name [`status::parse`] knows.
    pub fn conflicts(&self, filter: &ConflictFilter) -> Result<Vec<Conflict>> {
        let mut filter = filter.clone();
        if let Some(name) = &filter.status {
            let known = status::parse(name)
                .ok_or_else(|| Error::bad_input("conflict status", format!("{name:?} is not one of proposed, confirmed, rejected")))?;
            filter.status = Some(known.to_string());
        }
        self.store.conflicts(&filter)
    }

    /// One conflict, whatever its status.
    pub fn conflict(&self, id: i64) -> Result<Conflict> {
        self.store.conflict(id)
    }

    /// Finds conflicts for claims stored or edited since the last detection (imports run it
    /// themselves), in its own transaction.
    pub fn detect_conflicts(&mut self) -> Result<DetectSummary> {
        let gazetteer = self.gazetteer()?;
        self.store.write(|tx| align::detect_in(tx, &gazetteer, &CandidateConfig::default()))
    }

    /// Reads every claim afresh (after the word lists changed, say) and proposes what is new;
    /// rejected pairs and existing conflicts stay as they are.
    pub fn rescan_conflicts(&mut self) -> Result<DetectSummary> {
        let gazetteer = self.gazetteer()?;
        self.store.write(|tx| align::rescan_in(tx, &gazetteer, &CandidateConfig::default()))
    }

    /// The diff view of a conflict, its claims grouped by party.
    pub fn conflict_view(&self, id: i64) -> Result<DiffView> {
        let conflict = self.store.conflict(id)?;
        let ids: Vec<i64> = conflict.claims.iter().map(|m| m.claim_id).collect();
        self.view_of(Some(id), &ids, Layout::ByParty)
    }

    /// The diff view of two claims, each in its own column.
    pub fn diff_claims(&self, a: i64, b: i64) -> Result<DiffView> {
        self.view_of(None, &[a, b], Layout::OneRow)
    }

    fn view_of(&self, conflict: Option<i64>, ids: &[i64], layout: Layout) -> Result<DiffView> {
        let mut claims = Vec::new();
        let mut answered = BTreeMap::new();
        for &id in ids {
            let c = self.store.claim(id)?;
            let s = self.store.source(c.source_id)?;
            // A bare denial ("cela") is shown by what it denies, so the answered claim's text
            // is needed even when that claim is not in the conflict.
            if let Some(r) = c.responds_to {
                match self.store.claim(r) {
                    Ok(t) => {
                        answered.insert(r, t.text);
                    }
                    Err(Error::NotFound { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            claims.push((c, s));
        }
        let gazetteer = self.gazetteer()?;
        let input = ViewInput { claims: &claims, answered: &answered, gazetteer: &gazetteer, lexicon: Lexicon::builtin() };
        Ok(diff::build(conflict, &input, layout))
    }

    /// Conflicts matching `filter`, each with its title and what each side states: the
    /// listing the CLI and the app show (computed from the same view as the diff).
    pub fn conflict_cards(&self, filter: &ConflictFilter) -> Result<Vec<ConflictCard>> {
        let mut carried = HashMap::new();
        self.conflicts(filter)?.into_iter().map(|c| self.card_of(c, &mut carried)).collect()
    }

    /// The cards of the conflicts at `offset..offset + limit` of [`Workbench::conflict_cards`]'
    /// list: each card is a diff view built, so a list to choose from takes a window of them.
    pub fn conflict_cards_window(&self, filter: &ConflictFilter, offset: usize, limit: usize) -> Result<Vec<ConflictCard>> {
        let mut carried = HashMap::new();
        self.store.conflicts_window(filter, offset, limit)?.into_iter().map(|c| self.card_of(c, &mut carried)).collect()
    }

    /// One conflict with its title and sides.
    pub fn conflict_card(&self, id: i64) -> Result<ConflictCard> {
        self.card_of(self.store.conflict(id)?, &mut HashMap::new())
    }

    /// `conflict`'s card; `carried` keeps the sources of each statement read for the cards before
    /// it (statements carried by thousands of sources are in many of a list's conflicts).
    fn card_of(&self, conflict: Conflict, carried: &mut HashMap<i64, Vec<i64>>) -> Result<ConflictCard> {
        let view = self.conflict_view(conflict.id)?;
        let mut card = ConflictCard::new(conflict, &view);
        for side in &mut card.sides {
            let statement = self.store.statement_id(side.claim_id)?;
            let sources = match carried.entry(statement) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => {
                    let mut seen = HashSet::new();
                    e.insert(self.store.carriers(statement)?.into_iter().map(|(_, source)| source).filter(|&s| seen.insert(s)).collect())
                }
            };
            // The side's own source first, as the card starts it.
            let own = side.carried_by.clone();
            side.carried_by.extend(sources.iter().copied().filter(|s| !own.contains(s)));
        }
        Ok(card)
    }

    /// The analyst confirms that the claims conflict; `note` (may be empty) goes to the history.
    pub fn confirm_conflict(&mut self, id: i64, note: &str) -> Result<Conflict> {
        let analyst = self.analyst()?;
        self.store.write(|tx| store::review_in(tx, id, status::CONFIRMED, note.trim(), &analyst))?;
        self.store.conflict(id)
    }

    /// The analyst rejects a conflict, saying why; each of its pairs is remembered, so that none
    /// is proposed again.
    pub fn reject_conflict(&mut self, id: i64, reason: &str) -> Result<Conflict> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::bad_input("reason", "say why these claims do not conflict: the reason goes to the history"));
        }
        let analyst = self.analyst()?;
        self.store.write(|tx| {
            store::review_in(tx, id, status::REJECTED, reason, &analyst)?;
            let members = store::members_in(tx, id)?;
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    store::reject_pair_in(tx, a, b)?;
                }
            }
            Ok(())
        })?;
        self.store.conflict(id)
    }

    /// Builds a conflict by hand from two or more claims; it goes to the history under the
    /// analyst's name, with its claims and the explanation.
    pub fn new_conflict(&mut self, claims: &[i64], explanation: Option<&str>) -> Result<Conflict> {
        let mut ids = claims.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 {
            return Err(Error::bad_input("claims", "a conflict needs at least two different claims"));
        }
        for &c in &ids {
            self.store.claim(c)?;
        }
        let analyst = self.analyst()?;
        // A blank explanation is none: the history says "explanation «»" otherwise.
        let explanation = explanation.map(str::trim).filter(|e| !e.is_empty());
        let id = self.store.write(|tx| store::build_conflict_in(tx, &ids, explanation, &analyst))?;
        self.store.conflict(id)
    }

    /// Adds a claim to a conflict; it goes to the history under the analyst's name (nothing is
    /// written for a claim the conflict holds already).
    pub fn add_to_conflict(&mut self, id: i64, claim: i64) -> Result<Conflict> {
        self.store.conflict(id)?;
        self.store.claim(claim)?;
        let analyst = self.analyst()?;
        self.store.write(|tx| store::add_member_by_hand_in(tx, id, claim, &analyst))?;
        self.store.conflict(id)
    }

    /// Removes a claim from a conflict; the analyst said it does not belong, so its pairs with the
    /// remaining claims are remembered as rejected, and the change goes to the history under their
    /// name.
    pub fn remove_from_conflict(&mut self, id: i64, claim: i64) -> Result<Conflict> {
        self.store.conflict(id)?;
        let analyst = self.analyst()?;
        self.store.write(|tx| {
            if !store::remove_member_by_hand_in(tx, id, claim, &analyst)? {
                return Err(Error::not_found("claim in conflict", format!("{claim} in {id}")));
            }
            for other in store::members_in(tx, id)? {
                store::reject_pair_in(tx, claim, other)?;
            }
            Ok(())
        })?;
        self.store.conflict(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConflictOrigin, Origin, Speaker, Stance};
    use crate::store::{NewClaim, NewSource};

    fn speaker(name: &str, country: &str) -> Speaker {
        Speaker { name: name.into(), party: Some(country.into()), countries: vec![country.into()] }
    }

    /// Stores a source and its claims in one transaction and runs detection in it, as an import
    /// does; `claims` are (needle in text, speaker, stance, index of the claim it answers).
    fn import(wb: &mut Workbench, text: &str, claims: &[(&str, Speaker, Stance, Option<usize>)]) -> Vec<i64> {
        let gazetteer = wb.gazetteer().expect("gazetteer");
        wb.store
            .write(|tx| {
                let source = NewSource { title: "t".into(), format: "text".into(), text, ..Default::default() };
                let store::Inserted::New(source_id) = store::insert_source_hashed_in(tx, &source, &crate::text::hash(source.text.as_bytes()))? else { panic!("new source") };
                let mut ids: Vec<i64> = Vec::new();
                for (needle, sp, stance, answers) in claims {
                    let start = text.find(needle).map(|b| crate::text::char_offset(text, b)).expect("needle in text");
                    let end = start + needle.chars().count();
                    let claim = NewClaim {
                        source_id,
                        anchor: crate::anchor_in(text, start, end),
                        text: needle.to_string(),
                        speaker: sp.clone(),
                        cue: String::new(),
                        stance: *stance,
                        via: Vec::new(),
                        responds_to: answers.map(|i| ids[i]),
                        origin: Origin::Extracted,
                        doubts: Vec::new(),
                    };
                    ids.push(store::insert_claim_in(tx, &claim)?);
                }
                align::detect_in(tx, &gazetteer, &CandidateConfig::default())?;
                Ok(ids)
            })
            .expect("import")
    }

    const SEED: &str = "Bakou affirme avoir pris le contrôle de plusieurs villages et hauteurs stratégiques du Haut-Karabakh. \
                        Erevan nie cela et rapporte des bombardements sur son territoire.";

    #[test]
    fn a_denial_makes_a_proposed_reply_conflict_at_import() {
        let mut wb = Workbench::in_memory().expect("workbench");
        let ids = import(
            &mut wb,
            SEED,
            &[
                ("avoir pris le contrôle de plusieurs villages et hauteurs stratégiques du Haut-Karabakh", speaker("Bakou", "AZ"), Stance::Assert, None),
                ("cela", speaker("Erevan", "AM"), Stance::Deny, Some(0)),
            ],
        );
        type Row = (String, ConflictOrigin, Vec<i64>, Vec<Vec<String>>);
        let got: Vec<Row> = wb
            .conflicts(&ConflictFilter::default())
            .expect("list")
            .into_iter()
            .map(|c| (c.status, c.origin, c.claims.iter().map(|m| m.claim_id).collect(), c.claims.into_iter().map(|m| m.countries).collect()))
            .collect();
        assert_eq!(
            got,
            vec![("proposed".to_string(), ConflictOrigin::Reply, ids.clone(), vec![vec!["AZ".to_string()], vec!["AM".to_string()]])],
            "Bakou's claim and Erevan's denial form one conflict with no manual step"
        );
    }

    #[test]
    fn a_confirmation_or_a_same_party_reply_is_no_conflict() {
        let mut wb = Workbench::in_memory().expect("workbench");
        import(
            &mut wb,
            SEED,
            &[
                ("avoir pris le contrôle", speaker("Bakou", "AZ"), Stance::Assert, None),
                ("cela", speaker("Erevan", "AM"), Stance::Confirm, Some(0)),
                ("rapporte des bombardements", speaker("Bakou", "AZ"), Stance::Deny, Some(0)),
            ],
        );
        assert_eq!(wb.conflicts(&ConflictFilter::default()).expect("list"), vec![], "no conflict");
    }

    const AM: &str = "Azerbaijani forces shelled positions in Tavush on 27 June, the Armenian defence ministry said.";
    const AZ: &str = "Armenian units opened fire in Tavush on 27 June, the Azerbaijani defence ministry said.";

    #[test]
    fn a_rejected_candidate_is_not_proposed_again() {
        let mut wb = Workbench::in_memory().expect("workbench");
        let a = import(&mut wb, AM, &[("Azerbaijani forces shelled positions in Tavush on 27 June", speaker("Armenian defence ministry", "AM"), Stance::Assert, None)]);
        let b = import(&mut wb, AZ, &[("Armenian units opened fire in Tavush on 27 June", speaker("Azerbaijani defence ministry", "AZ"), Stance::Assert, None)]);
        let listed = wb.conflicts(&ConflictFilter::default()).expect("list");
        assert_eq!(listed.len(), 1, "the cross-source candidate is proposed at the second import");
        assert_eq!((listed[0].status.as_str(), listed[0].origin), ("proposed", ConflictOrigin::Candidate), "a proposal");
        wb.set_setting("analyst", "Test Analyst").expect("analyst");
        wb.reject_conflict(listed[0].id, "different incidents").expect("reject");
        let again = wb.rescan_conflicts().expect("rescan");
        assert_eq!(again.candidates, 0, "the rejected pair {a:?}–{b:?} stays rejected");
        assert_eq!(wb.conflicts(&ConflictFilter::default()).expect("list"), vec![], "only the rejected conflict exists, hidden");
    }

    #[test]
    fn the_analyst_builds_and_edits_conflicts_by_hand() {
        let mut wb = Workbench::in_memory().expect("workbench");
        let a = import(&mut wb, AM, &[("Azerbaijani forces shelled positions", speaker("Armenian MoD", "AM"), Stance::Assert, None)]);
        let b = import(&mut wb, "Baku says nothing happened.", &[("nothing happened", speaker("Baku", "AZ"), Stance::Deny, None)]);
        wb.set_setting("analyst", "Test Analyst").expect("analyst");
        let c = wb.new_conflict(&[a[0], b[0]], Some("same night")).expect("create");
        assert_eq!((c.origin, c.status.as_str(), c.claims.len()), (ConflictOrigin::Analyst, "confirmed", 2), "hand-built");
        let c = wb.remove_from_conflict(c.id, b[0]).expect("remove");
        assert_eq!(c.claims.len(), 1, "one claim left");
        let c = wb.add_to_conflict(c.id, b[0]).expect("add");
        assert_eq!(c.claims.len(), 2, "back to two");
        assert!(matches!(wb.new_conflict(&[a[0]], None), Err(Error::BadInput { .. })), "one claim is no conflict");
    }

    /// A workspace of the shared corpus's articles and copies of them cut and joined
    /// differently (statements carried twice, the same exchanges in other sources), one
    /// candidate rejected, then everything detection found forgotten, so that a rescan has
    /// replies, statements and candidates to find again. Returns the store's path.
    fn forgotten_corpus_workspace(dir: &std::path::Path) -> std::path::PathBuf {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let shared = if shared.exists() { shared } else { std::path::PathBuf::from("/work/shared/corpus") };
        let mut texts = Vec::new();
        for lang in ["news-en", "news-fr", "news-ru"] {
            let mut files: Vec<_> = std::fs::read_dir(shared.join(lang)).expect("shared corpus").map(|e| e.expect("entry").path()).collect();
            files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
            files.sort();
            texts.extend(files.iter().map(|f| std::fs::read_to_string(f).expect("corpus text")));
        }
        let copies: Vec<String> = (0..24)
            .map(|i| {
                let lines: Vec<&str> = texts[i].lines().collect();
                format!("{}\n\n{}", lines[lines.len() / 2..].join("\n"), texts[(i * 7 + 30) % texts.len()])
            })
            .collect();
        texts.extend(copies);
        let inputs = dir.join("inputs");
        std::fs::create_dir_all(&inputs).expect("inputs folder");
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(inputs.join(format!("{i:04}.txt")), t).expect("input written");
        }
        let db = dir.join("corpus.db");
        let mut wb = Workbench::open(&db).expect("store");
        wb.import_paths(&[inputs], &mut ()).expect("import");
        wb.set_setting("analyst", "Test Analyst").expect("analyst");
        let candidate = wb.conflicts(&ConflictFilter::default()).expect("list").into_iter().find(|c| c.origin == ConflictOrigin::Candidate);
        wb.reject_conflict(candidate.expect("the corpus makes a candidate").id, "not one event").expect("reject");
        wb.store.write(store::forget_detection_in).expect("forget");
        db
    }

    /// A conflict as two detections are compared: id, status, origin, score, evidence, members.
    type Found = (i64, String, ConflictOrigin, Option<f32>, String, Vec<i64>);
    /// A statement's carriers: (claim, source) each.
    type Carriers = Vec<(i64, i64)>;

    /// Conflicts (every status, without clocks), each claim's carriers, and the key index.
    fn detected(wb: &Workbench) -> (Vec<Found>, Vec<Carriers>, store::KeyIndex) {
        let mut conflicts = Vec::new();
        for st in [status::PROPOSED, status::CONFIRMED, status::REJECTED] {
            let filter = ConflictFilter { status: Some(st.to_string()), claim: None };
            for c in wb.conflicts(&filter).expect("conflicts") {
                let evidence = serde_json::to_string(&c.evidence).expect("evidence");
                conflicts.push((c.id, c.status, c.origin, c.score, evidence, c.claims.iter().map(|m| m.claim_id).collect()));
            }
        }
        conflicts.sort_by_key(|c| c.0);
        let claims = wb.claims(&crate::store::ClaimFilter::default()).expect("claims");
        let carriers = claims.iter().map(|c| wb.store.carriers(c.id).expect("carriers")).collect();
        (conflicts, carriers, wb.store.key_index().expect("key index"))
    }

    #[test]
    fn a_rescan_in_passes_over_the_store_finds_what_detection_claim_by_claim_finds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = forgotten_corpus_workspace(dir.path());
        let copy = dir.path().join("copy.db");
        std::fs::copy(&db, &copy).expect("store copied");

        let mut passes = Workbench::open(&db).expect("store");
        let got = passes.rescan_conflicts().expect("rescan");
        let mut one_by_one = Workbench::open(&copy).expect("copy");
        let gazetteer = one_by_one.gazetteer().expect("gazetteer");
        let want = one_by_one
            .store
            .write(|tx| {
                store::clear_index_in(tx)?;
                store::queue_all_in(tx)?;
                align::detect_in(tx, &gazetteer, &CandidateConfig::default())
            })
            .expect("claim by claim");

        assert_eq!(got, want, "the same claims, replies, candidates and carried statements counted");
        assert!(want.replies > 5 && want.candidates > 1 && want.carried > 5, "the workspace has each kind to find: {want:?}");
        let (a, b) = (detected(&passes), detected(&one_by_one));
        assert!(a.0 == b.0, "the same conflicts, ids, scores, evidence and members");
        assert!(a.1 == b.1, "the same statement groups");
        assert!(a.2 == b.2, "the same key index, common keys and an empty queue");
    }
}
