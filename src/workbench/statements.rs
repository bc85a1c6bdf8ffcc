//! Statements by the analyst's hand: saying that two claims are one party's same statement
//! carried by two sources (what detection does for exact and near copies), or taking a claim out
//! of its statement. Both need the analyst's name: each claim whose statement changed (the
//! claims that moved and those they joined or left) gets a history entry.
//!
//! A statement is one party's: two claims whose speakers stand for different sides (by the rule
//! detection uses, [`Side::opposes`]) are refused, since conflicts are kept between statements
//! and a group holding both sides would hide their disagreement from detection and count one
//! side's words as carried by the other's sources. A claim whose speaker is unresolved can only
//! join a statement of the same speaker name: correct its party first.

use super::Workbench;
use crate::align::candidates::Side;
use crate::error::{Error, Result};
use crate::model::Statement;
use crate::store;

impl Workbench {
    /// The statement `claim` carries, with every claim carrying it (itself alone when none).
    pub fn statement(&self, claim: i64) -> Result<Statement> {
        self.store.statement(claim)
    }

    /// The analyst says `claim` is the same statement as `same_as`: `claim` joins the statement
    /// of `same_as` (a group of both when `same_as` stood alone), and so do the claims already
    /// one statement with `claim`. `note` (may be empty) goes to the history. Refused for one
    /// claim twice, for claims already one statement, and for claims of different parties.
    pub fn link_statement(&mut self, claim: i64, same_as: i64, note: &str) -> Result<Statement> {
        if claim == same_as {
            return Err(Error::bad_input("claims", "a claim is its own statement: link it to another claim"));
        }
        let (a, b) = (self.store.claim(claim)?, self.store.claim(same_as)?);
        if Side::of(&a.speaker).opposes(&Side::of(&b.speaker)) {
            let who = |c: &crate::model::Claim| format!("claim {} ({}, {})", c.id, c.speaker.name, Side::of(&c.speaker).key());
            return Err(Error::bad_input(
                "claims",
                format!(
                    "{} and {} speak for different parties: a statement is one party's words (correct a claim's party first if it is wrong)",
                    who(&a),
                    who(&b)
                ),
            ));
        }
        let analyst = self.analyst()?;
        self.store.write(|tx| store::link_statement_in(tx, claim, same_as, note.trim(), &analyst))?;
        self.store.statement(claim)
    }

    /// The analyst takes `claim` out of its statement: it stands alone again, and the other
    /// claims stay one statement. Returns the claim's statement after (itself alone). Refused
    /// for a claim that carries no statement with another.
    ///
    /// Detection leaves a claim that stands alone as it is, until the claim is edited or the
    /// whole store is detected again (`rescan_conflicts`): then an exact or near copy in another
    /// source joins its statement again, as any copy does.
    pub fn unlink_statement(&mut self, claim: i64, note: &str) -> Result<Statement> {
        self.store.claim(claim)?;
        let analyst = self.analyst()?;
        self.store.write(|tx| store::unlink_statement_in(tx, claim, note.trim(), &analyst))?;
        self.store.statement(claim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Change, Speaker, Stance, Target};

    /// Three outlets' wordings of Baku's account (too unlike for detection to join them) and
    /// Yerevan's denial in the second outlet; the analyst is named. Returns the workbench and
    /// the claims: Baku's three, then Yerevan's.
    fn three_outlets() -> (Workbench, [i64; 4]) {
        let (mut wb, ids) = three_outlets_unnamed();
        wb.set_setting("analyst", "Ana Lyst").expect("analyst");
        (wb, ids)
    }

    /// [`three_outlets`] before the analyst gave a name.
    fn three_outlets_unnamed() -> (Workbench, [i64; 4]) {
        let mut wb = Workbench::in_memory().expect("workbench");
        let texts = [
            "Bakou : nos unités ont repris trois villages du Haut-Karabakh.",
            "Bakou : l'armée contrôle désormais plusieurs hauteurs stratégiques. Erevan : aucun village n'a été perdu.",
            "Bakou : les positions ennemies près de Latchine sont tombées.",
        ];
        let mut ids = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let doc = crate::ingest::Document { title: format!("outlet {i}"), format: "text".into(), text: text.to_string(), ..Default::default() };
            let gazetteer = wb.gazetteer().expect("gazetteer");
            let source = wb.import_document(doc, None, &gazetteer).expect("import").source_id;
            for (speaker, words) in text.split(". ").map(|s| s.split_once(" : ").expect("speaker : words")) {
                let start = text.find(words).map(|b| text[..b].chars().count()).expect("words in text");
                let end = start + words.trim_end_matches('.').chars().count();
                let sp = Speaker { name: speaker.to_string(), ..Default::default() };
                ids.push(wb.add_claim(source, start, end, sp, ":", Stance::Assert).expect("claim").id);
            }
        }
        let [a, b, x, c] = ids[..] else { panic!("four claims: {ids:?}") };
        (wb, [a, b, c, x])
    }

    fn carriers(wb: &Workbench, claim: i64) -> (i64, Vec<i64>, usize) {
        let s = wb.statement(claim).expect("statement");
        (s.id, s.claim_ids(), s.sources())
    }

    fn statement_history(wb: &Workbench, claim: i64) -> Vec<(String, String)> {
        let entries = wb.history(Some(Target::Claim(claim))).expect("history");
        entries.iter().filter(|h| h.change == Change::Statement).map(|h| (h.sentence(&|k| k.to_string()), h.analyst.clone())).collect()
    }

    #[test]
    fn the_analyst_links_claims_as_one_statement_and_takes_one_out_again() {
        let (mut wb, [a, b, c, _]) = three_outlets();
        assert_eq!(carriers(&wb, b), (b, vec![b], 1), "detection left the three wordings apart");

        wb.link_statement(b, a, "same dispatch, reworded").expect("link");
        assert_eq!(carriers(&wb, b), (a, vec![a, b], 2), "b joins a's statement, named by a");
        wb.link_statement(c, b, "").expect("link");
        assert_eq!(carriers(&wb, a), (a, vec![a, b, c], 3), "linked to b, c joins the statement b carries");
        assert_eq!(
            statement_history(&wb, c),
            vec![("same statement: alone → with claims ".to_string() + &format!("{a}, {b}"), "Ana Lyst".to_string())],
            "the move is in the history with the analyst's name"
        );

        wb.unlink_statement(a, "not the same day").expect("unlink");
        assert_eq!(carriers(&wb, a), (a, vec![a], 1), "a stands alone again");
        assert_eq!(carriers(&wb, c), (b, vec![b, c], 2), "the others stay one statement, named by the next claim");
        assert_eq!(
            statement_history(&wb, a),
            vec![
                (format!("same statement: alone → with claim {b}"), "Ana Lyst".to_string()),
                (format!("same statement: with claim {b} → with claims {b}, {c}"), "Ana Lyst".to_string()),
                (format!("same statement: with claims {b}, {c} → alone"), "Ana Lyst".to_string()),
            ],
            "a's history tells each change of its statement"
        );
        assert_eq!(statement_history(&wb, c).last().map(|h| h.0.clone()), Some(format!("same statement: with claims {a}, {b} → with claim {b}")), "and so does c's");
        let note = wb.history(Some(Target::Claim(a))).expect("history").pop().map(|h| h.note);
        assert_eq!(note.as_deref(), Some("not the same day"), "the analyst's reason is kept");
    }

    #[test]
    fn a_claim_linked_to_a_statement_brings_the_claims_already_one_statement_with_it() {
        let (mut wb, [a, b, c, _]) = three_outlets();
        wb.link_statement(c, b, "").expect("link");
        wb.link_statement(b, a, "").expect("link");
        assert_eq!(carriers(&wb, c), (a, vec![a, b, c], 3), "b's statement, c with it, joins a's");
        assert_eq!(
            statement_history(&wb, c).into_iter().map(|h| h.0).collect::<Vec<_>>(),
            vec![format!("same statement: alone → with claim {b}"), format!("same statement: with claim {b} → with claims {a}, {b}")],
            "c moved twice, with b"
        );
        assert_eq!(
            statement_history(&wb, a).into_iter().map(|h| h.0).collect::<Vec<_>>(),
            vec![format!("same statement: alone → with claims {b}, {c}")],
            "a stayed and was joined"
        );
    }

    #[test]
    fn a_conflict_side_is_carried_by_the_sources_the_analyst_linked() {
        let (mut wb, [a, b, _, x]) = three_outlets();
        let conflict = wb.new_conflict(&[a, x], None).expect("conflict").id;
        wb.link_statement(b, a, "").expect("link");
        let card = wb.conflict_card(conflict).expect("card");
        let side = card.sides.iter().find(|s| s.claim_id == a).expect("a's side");
        assert_eq!(side.carried_by.len(), 2, "carried by two sources: {:?}", side.carried_by);
    }

    #[test]
    fn a_statement_link_that_makes_no_sense_is_refused_and_changes_nothing() {
        let (mut wb, [a, b, _, x]) = three_outlets();
        let bad = |r: Result<Statement>| matches!(r, Err(Error::BadInput { .. }));
        assert!(bad(wb.link_statement(a, a, "")), "one claim twice");
        assert!(matches!(wb.link_statement(a, 999, ""), Err(Error::NotFound { .. })), "an unknown claim");
        let opposed = wb.link_statement(x, a, "").expect_err("Yerevan's claim is not Baku's statement");
        assert!(matches!(opposed, Error::BadInput { .. }) && opposed.to_string().contains("different parties"), "the message says why: {opposed}");
        assert!(bad(wb.unlink_statement(a, "")), "a claim alone has no statement to leave");
        wb.link_statement(b, a, "").expect("link");
        assert!(bad(wb.link_statement(a, b, "")), "already one statement");
        let (mut nameless, [na, nb, _, _]) = three_outlets_unnamed();
        assert!(bad(nameless.link_statement(nb, na, "")), "no analyst's name, no link");
        assert_eq!(carriers(&nameless, nb), (nb, vec![nb], 1), "nothing linked without a name");
        assert_eq!(carriers(&wb, a), (a, vec![a, b], 2), "only the one link made");
        assert_eq!(statement_history(&wb, x), vec![], "nothing logged for the refused link");
    }
}
