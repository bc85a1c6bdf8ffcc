//! Browsing a large store: claim pages agree with the full list, date bounds, claims per day,
//! merging parties.

use chrono::NaiveDate;
use crosscheck::ingest;
use crosscheck::model::{Speaker, Stance};
use crosscheck::store::{ClaimFilter, ConflictFilter, DateSpan, SourceField, SourceListing};
use crosscheck::{Error, Workbench};

/// A workbench with two sources (published on different days) and `per_source` analyst claims on each.
fn workbench(per_source: usize) -> Workbench {
    let mut wb = Workbench::in_memory().expect("an in-memory store opens");
    let g = wb.gazetteer().expect("gazetteer");
    for (i, day) in ["2024-03-01T08:00:00Z", "2024-03-05T08:00:00Z"].iter().enumerate() {
        let text = format!("Dépêche {i}. {}", "Moscou, la frontière et le lac sont bien calmes. ".repeat(per_source));
        let mut doc = ingest::load(&format!("d{i}.txt"), text.as_bytes()).expect("text loads");
        doc.published_at = Some(day.parse().expect("date"));
        let id = wb.import_document(doc, None, &g).expect("import").source_id;
        for k in 0..per_source {
            let speaker = Speaker { name: if k % 2 == 0 { "Moscou".into() } else { "Bakou".into() }, ..Default::default() };
            wb.add_claim(id, 12 + k * 46, 20 + k * 46, speaker, "a déclaré", Stance::Assert).expect("claim added");
        }
    }
    // No cue in the text: the extractor finds nothing, so every claim is one of ours.
    assert_eq!(wb.store().claim_count().expect("count") as usize, 2 * per_source, "only the analyst's claims");
    wb
}

fn day(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"))
}

fn check_page(wb: &Workbench, filter: &ClaimFilter, dates: DateSpan, offset: usize, limit: usize, expected_total: usize) {
    let all: Vec<i64> = wb.store().claims(filter).expect("claims").iter().map(|c| c.id).collect();
    let page = wb.store().claims_page(filter, &dates, offset, limit).expect("page");
    assert_eq!(page.total, expected_total, "total for {filter:?} {dates:?}");
    if dates == DateSpan::default() {
        let window: Vec<i64> = all.iter().skip(offset).take(limit).copied().collect();
        let got: Vec<i64> = page.claims.iter().map(|c| c.id).collect();
        assert_eq!(got, window, "page {offset}+{limit} is the same window of the full list");
    }
}

#[test]
fn claim_pages_are_windows_of_the_full_list_with_its_total() {
    let wb = workbench(6);
    check_page(&wb, &ClaimFilter::default(), DateSpan::default(), 0, 5, 12);
    check_page(&wb, &ClaimFilter::default(), DateSpan::default(), 10, 5, 12);
    check_page(&wb, &ClaimFilter::default(), DateSpan::default(), 50, 5, 12);
    check_page(&wb, &ClaimFilter { party: Some("RU".into()), ..Default::default() }, DateSpan::default(), 1, 2, 6);
    // The six Moscou speakers, plus any excerpt that happens to hold the word.
    let moscou = ClaimFilter { query: Some("moscou".into()), ..Default::default() };
    let found = wb.store().claims(&moscou).expect("search").len();
    assert!(found >= 6, "every claim spoken by Moscou is found ({found})");
    check_page(&wb, &moscou, DateSpan::default(), 0, 3, found);
    check_page(&wb, &ClaimFilter::default(), DateSpan { from: day("2024-03-02"), to: None }, 0, 100, 6);
    check_page(&wb, &ClaimFilter::default(), DateSpan { from: day("2024-03-01"), to: day("2024-03-01") }, 0, 100, 6);
    check_page(&wb, &ClaimFilter { party: Some("AZ".into()), ..Default::default() }, DateSpan { from: None, to: day("2024-03-04") }, 0, 100, 3);
}

#[test]
fn claims_per_day_count_by_source_date() {
    let wb = workbench(4);
    let days = wb.store().claims_by_day(&ClaimFilter { party: Some("AZ".into()), ..Default::default() }).expect("timeline");
    assert_eq!(days, vec![(day("2024-03-01").unwrap(), 2), (day("2024-03-05").unwrap(), 2)], "two Bakou claims on each day");
}

#[test]
fn merging_a_party_moves_its_claims_and_names() {
    let mut wb = workbench(2);
    wb.set_setting("analyst", "Ana").expect("analyst");
    wb.add_party("x.moscow-voice", "Moscow Voice", crosscheck::model::PartyKind::Media, None, None).expect("party");
    let sid = wb.store().sources().expect("sources")[0].id;
    let speaker = Speaker { name: "Moscow Voice".into(), party: Some("x.moscow-voice".into()), countries: vec![] };
    let id = wb.add_claim(sid, 0, 5, speaker, "said", Stance::Assert).expect("claim").id;
    let into = wb.merge_parties("x.moscow-voice", "RU").expect("merge");
    assert!(into.aliases.iter().any(|a| a.text == "Moscow Voice"), "the merged name is an alias of RU");
    assert_eq!(wb.store().claim(id).expect("claim").speaker.party.as_deref(), Some("RU"), "claim moved");
    assert_eq!(wb.store().find_party("Moscow Voice").expect("found").key, "RU", "the old name now finds RU");
    assert!(wb.merge_parties("RU", "RU").is_err(), "a party cannot merge into itself");
}

#[test]
fn a_state_s_claims_include_its_officials_through_edits_and_deletes_on_every_page() {
    use crosscheck::model::PartyKind;
    let mut wb = workbench(6);
    wb.set_setting("analyst", "Ana").expect("analyst");
    let ru = ClaimFilter { party: Some("RU".into()), ..Default::default() };
    // One claim of twelve per page: the page is found by walking the reading order.
    check_page(&wb, &ru, DateSpan::default(), 0, 1, 6);
    check_page(&wb, &ru, DateSpan::default(), 4, 1, 6);
    let az: Vec<i64> = wb.store().claims(&ClaimFilter { party: Some("AZ".into()), ..Default::default() }).expect("AZ").iter().map(|c| c.id).collect();
    // An official of no ministry: a party of their own, standing for RU by its country only.
    let official = wb.create_party("Un porte-parole russe", PartyKind::Person, Some("RU")).expect("party");
    wb.set_party(&az[..2], &official.key, "speaks for Moscow").expect("set party");
    check_page(&wb, &ru, DateSpan::default(), 0, 1, 8);
    check_page(&wb, &ru, DateSpan::default(), 3, 2, 8);
    check_page(&wb, &ru, DateSpan { from: day("2024-03-01"), to: day("2024-03-01") }, 0, 100, 5);
    wb.delete_claim(az[0], "duplicate").expect("delete");
    check_page(&wb, &ru, DateSpan::default(), 0, 1, 7);
    check_page(&wb, &ClaimFilter { party: Some("AZ".into()), ..Default::default() }, DateSpan::default(), 0, 1, 4);
    let moscou = ClaimFilter { query: Some("moscou".into()), ..Default::default() };
    let found = wb.store().claims(&moscou).expect("search").len();
    check_page(&wb, &moscou, DateSpan::default(), 0, 1, found);
    check_page(&wb, &moscou, DateSpan::default(), 2, 1, found);
}

#[test]
fn alias_edits_and_merges_are_in_the_history_as_sentences_under_the_analysts_name() {
    let mut wb = workbench(2);
    let err = wb.add_alias("AZ", "fr", "la capitale azérie").expect_err("no name, no history");
    assert!(err.to_string().contains("config set analyst"), "the error says how to set a name: {err}");
    wb.set_setting("analyst", "Ana").expect("analyst");
    wb.add_alias("AZ", "fr", "la capitale azérie").expect("alias added");
    wb.remove_alias("AM", "Erevan").expect("alias removed");
    wb.add_party("x.moscow-voice", "Moscow Voice", crosscheck::model::PartyKind::Media, None, None).expect("party");
    let sid = wb.store().sources().expect("sources")[0].id;
    let speaker = Speaker { name: "Moscow Voice".into(), party: Some("x.moscow-voice".into()), countries: vec![] };
    wb.add_claim(sid, 0, 5, speaker, "said", Stance::Assert).expect("claim");
    wb.merge_parties("x.moscow-voice", "RU").expect("merge");
    let name = |k: &str| wb.party(k).map_or_else(|_| k.to_string(), |p| p.name);
    let party: Vec<String> = wb
        .history(None)
        .expect("history")
        .iter()
        .filter(|h| h.change == crosscheck::model::Change::Party)
        .inspect(|h| assert_eq!(h.analyst, "Ana"))
        .map(|h| h.sentence(&name))
        .collect();
    assert_eq!(party.len(), 3, "{party:?}");
    assert!(party[0].starts_with("alias added to ") && party[0].ends_with("«la capitale azérie»"), "{party:?}");
    assert!(party[1].starts_with("alias removed from ") && party[1].ends_with("«Erevan»"), "{party:?}");
    assert!(party[2].starts_with("merged Moscow Voice into ") && party[2].ends_with("1 claim moved"), "{party:?}");
}

#[test]
fn a_partys_speakers_group_a_person_across_scripts_and_keep_institutions_apart() {
    let mut wb = workbench(1);
    let sid = wb.store().sources().expect("sources")[0].id;
    for name in ["Сергей Лавров", "Sergueï Lavrov", "Sergey Lavrov", "Russia's defence ministry", "Russian foreign ministry", "Russian foreign ministry"] {
        let speaker = Speaker { name: name.into(), party: Some("RU".into()), countries: vec!["RU".into()] };
        wb.add_claim(sid, 0, 5, speaker, "said", Stance::Assert).expect("claim");
    }
    let groups = wb.party_speakers("RU").expect("speakers");
    let lavrov = groups.iter().find(|g| g.names.iter().any(|n| n == "Sergey Lavrov")).expect("Lavrov");
    assert_eq!((lavrov.claims, lavrov.names.len()), (3, 3), "one person under three spellings: {groups:?}");
    let ministries: Vec<_> = groups.iter().filter(|g| g.names.iter().any(|n| n.ends_with("ministry"))).collect();
    assert_eq!(ministries.len(), 2, "two ministries stay two speakers: {groups:?}");
    assert!(ministries.iter().all(|g| g.names.len() == 1), "{groups:?}");
}

/// Every window of the whole list, at offsets crossing blocks of source ids and past the end,
/// is that window of the full list, with its total.
fn check_every_window(wb: &Workbench, why: &str) {
    let all: Vec<i64> = wb.store().claims(&ClaimFilter::default()).expect("claims").iter().map(|c| c.id).collect();
    for offset in (0..all.len() + 9).step_by(7) {
        let page = wb.store().claims_page(&ClaimFilter::default(), &DateSpan::default(), offset, 5).expect("page");
        let window: Vec<i64> = all.iter().skip(offset).take(5).copied().collect();
        assert_eq!(page.claims.iter().map(|c| c.id).collect::<Vec<_>>(), window, "{why}: page at {offset}");
        assert_eq!(page.total, all.len(), "{why}: the total");
    }
}

#[test]
fn deep_pages_of_the_whole_list_found_by_block_counts_are_its_windows_through_adds_and_deletes() {
    let mut wb = Workbench::in_memory().expect("an in-memory store opens");
    let g = wb.gazetteer().expect("gazetteer");
    // 150 sources: more than two blocks of 64 source ids; some hold no claim.
    let mut sources = Vec::new();
    for i in 0..150 {
        let text = format!("Dépêche {i}. {}", "Moscou, la frontière et le lac sont bien calmes. ".repeat(3));
        let doc = ingest::load(&format!("d{i}.txt"), text.as_bytes()).expect("text loads");
        let id = wb.import_document(doc, None, &g).expect("import").source_id;
        sources.push(id);
        // Claims added in reverse order of position: ids and reading order differ.
        for k in (0..i % 4).rev() {
            let speaker = Speaker { name: "Moscou".into(), ..Default::default() };
            wb.add_claim(id, 12 + k * 46, 20 + k * 46, speaker, "a déclaré", Stance::Assert).expect("claim added");
        }
    }
    check_every_window(&wb, "as imported");

    // A whole block emptied, a claim deleted elsewhere, a claim added to the first source.
    wb.set_setting("analyst", "Ana").expect("analyst");
    let claims = wb.store().claims(&ClaimFilter::default()).expect("claims");
    for c in claims.iter().filter(|c| (64..128).contains(&c.source_id) || c.id == claims[3].id) {
        wb.delete_claim(c.id, "gone").expect("claim deleted");
    }
    let speaker = Speaker { name: "Bakou".into(), ..Default::default() };
    wb.add_claim(sources[1], 58, 66, speaker, "a déclaré", Stance::Assert).expect("claim added");
    check_every_window(&wb, "after deletes and an add");
}

#[test]
fn search_pages_read_from_one_pass_over_the_matches_are_windows_of_the_full_list_both_ways() {
    let mut wb = Workbench::in_memory().expect("an in-memory store opens");
    let g = wb.gazetteer().expect("gazetteer");
    for i in 0..40 {
        let text = format!("Dépêche {i}. {}", "Moscou, la frontière et le lac sont bien calmes. ".repeat(4));
        let doc = ingest::load(&format!("d{i}.txt"), text.as_bytes()).expect("text loads");
        let id = wb.import_document(doc, None, &g).expect("import").source_id;
        // Claims added in reverse order of position: ids and reading order differ. Every other
        // claim is Bakou's, so its name matches densely enough for a first page to be walked.
        let first = format!("Dépêche {i}. ").chars().count();
        for k in (0..4).rev() {
            let speaker = Speaker { name: if k % 2 == 0 { "Moscou" } else { "Bakou" }.into(), ..Default::default() };
            let start = first + k * 49;
            wb.add_claim(id, start, start + 48, speaker, "a déclaré", Stance::Assert).expect("claim added");
        }
    }
    let check_all = |wb: &Workbench, why: &str| {
        let searches = [
            ClaimFilter { query: Some("bakou".into()), ..Default::default() },
            ClaimFilter { query: Some("calmes Bakou".into()), ..Default::default() },
            ClaimFilter { speaker: Some("bakou".into()), ..Default::default() },
            ClaimFilter { query: Some("bakou".into()), order: crosscheck::store::ClaimOrder { descending: true, ..Default::default() }, ..Default::default() },
        ];
        for filter in &searches {
            let all: Vec<i64> = wb.store().claims(filter).expect("claims").iter().map(|c| c.id).collect();
            assert!(all.len() >= 70, "{why}: {filter:?} matches every Bakou claim ({})", all.len());
            for offset in [0, 1, 7, all.len() - 3, all.len(), all.len() + 5] {
                let page = wb.store().claims_page(filter, &DateSpan::default(), offset, 5).expect("page");
                let window: Vec<i64> = all.iter().skip(offset).take(5).copied().collect();
                assert_eq!(page.claims.iter().map(|c| c.id).collect::<Vec<_>>(), window, "{why}: {filter:?} at {offset}");
                assert_eq!(page.total, all.len(), "{why}: {filter:?}'s total");
                let ids = wb.store().claim_ids_page(filter, &DateSpan::default(), offset, 5).expect("ids");
                assert_eq!(ids, window, "{why}: {filter:?}'s ids at {offset}");
            }
        }
    };
    check_all(&wb, "as added");
    wb.set_setting("analyst", "Ana").expect("analyst");
    let bakou = ClaimFilter { query: Some("bakou".into()), ..Default::default() };
    let found: Vec<i64> = wb.store().claims(&bakou).expect("search").iter().map(|c| c.id).collect();
    wb.delete_claim(found[1], "gone").expect("claim deleted");
    let changes = crosscheck::ClaimChanges { speaker: Some("Erevan".into()), ..Default::default() };
    wb.edit_claim(found[4], changes, "another speaker").expect("claim edited");
    check_all(&wb, "after a delete and an edit");
}

#[test]
fn a_search_word_is_matched_by_its_stem_alone_when_the_stem_begins_it() {
    use crosscheck::store::fts_query;
    for (input, query) in [
        // Every word starting with the word starts with its stem: the stem alone finds the same.
        ("Accusations", "\"accus\"*"),
        ("Лаврова", "\"лавров\"*"),
        ("l'armée", "\"l'arm\"*"),
        ("Jermuk soldats", "\"Jermuk\"* AND \"soldat\"*"),
        ("war", "\"war\"*"),
        // The index does not fold "ё" as the stemmer's input is folded: the word is kept beside.
        ("зелёные", "(\"зелёные\"* OR \"зелен\"*)"),
    ] {
        assert_eq!(fts_query(input).expect("a query").as_deref(), Some(query), "the query {input} is searched as");
    }
}

#[test]
fn a_search_whose_matches_lie_past_the_first_stretch_walked_walks_further_for_its_page() {
    // More claims than the first stretch of the reading order a search walks (4,096), the
    // word's matches all after it, densely enough that walking still pays.
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<std::path::PathBuf> = (0..120)
        .map(|i| {
            let city = if i < 100 { "Moscou" } else { "Bakou" };
            let text: String = (0..45).map(|k| format!("Le porte-parole {k} a déclaré que la situation restait calme à {city} le jour {i}.\n\n")).collect();
            let path = dir.path().join(format!("d{i:03}.txt"));
            std::fs::write(&path, text).expect("file");
            path
        })
        .collect();
    let mut wb = Workbench::open(&dir.path().join("ws.db")).expect("store");
    wb.import_paths(&files, &mut ()).expect("import");
    let all_claims = wb.store().claims(&ClaimFilter::default()).expect("claims");
    let bakou = ClaimFilter { query: Some("bakou".into()), ..Default::default() };
    let found: Vec<i64> = wb.store().claims(&bakou).expect("search").iter().map(|c| c.id).collect();
    let first = all_claims.iter().position(|c| c.id == found[0]).expect("a match");
    assert!(first > 4_096 && found.len() > 500, "{} claims, {} matches, the first at {first}", all_claims.len(), found.len());
    for (offset, descending) in [(0, false), (13, false), (found.len() - 2, false), (0, true)] {
        let filter = ClaimFilter { order: crosscheck::store::ClaimOrder { descending, ..Default::default() }, ..bakou.clone() };
        let all: Vec<i64> = wb.store().claims(&filter).expect("claims").iter().map(|c| c.id).collect();
        let page = wb.store().claims_page(&filter, &DateSpan::default(), offset, 10).expect("page");
        assert_eq!(page.claims.iter().map(|c| c.id).collect::<Vec<_>>(), all.iter().skip(offset).take(10).copied().collect::<Vec<_>>(), "page at {offset}, descending {descending}");
        assert_eq!(page.total, found.len(), "the total");
    }
}

#[test]
fn a_speaker_groups_filter_picks_their_claims_in_french_english_and_russian_and_no_one_elses() {
    use crosscheck::store::SpeakerGroupRef;
    let mut wb = Workbench::in_memory().expect("an in-memory store opens");
    let g = wb.gazetteer().expect("gazetteer");
    let texts = [
        ("fr.txt", "Karabakh : Moscou prête à accueillir des pourparlers\n\nMOSCOU, 14 octobre (AFP) - Le ministre russe des Affaires étrangères Sergueï Lavrov a déclaré mercredi que Moscou était prête à accueillir un nouveau cycle de pourparlers entre l'Azerbaïdjan et l'Arménie.\n"),
        ("en.txt", "Talks on Karabakh\n\nMOSCOW, Oct 14 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Wednesday that Moscow was ready to host a new round of talks between the foreign ministers of Azerbaijan and Armenia.\n"),
        ("ru.txt", "Переговоры по Карабаху\n\nМОСКВА, 14 октября. /ТАСС/. Министр иностранных дел России Сергей Лавров заявил в среду, что Москва готова принять новый раунд переговоров министров Азербайджана и Армении.\n"),
        // Someone else speaking for Russia, and Lavrov named where no one says whom he speaks for.
        ("ru-peskov.txt", "Песков о слухах\n\nМОСКВА, 14 октября. /ТАСС/. Пресс-секретарь президента России Дмитрий Песков заявил, что Кремль не комментирует слухи о переговорах.\n\nПо словам Лаврова, Москва готова принять новый раунд переговоров.\n"),
    ];
    let mut sources = Vec::new();
    for (name, text) in texts {
        let doc = ingest::load(name, text.as_bytes()).expect("text loads");
        sources.push(wb.import_document(doc, None, &g).expect("import").source_id);
    }
    // A namesake speaking for another party: one key, another group.
    let namesake = Speaker { name: "Oleksiy Lavrov".into(), party: Some("UA".into()), countries: vec!["UA".into()] };
    wb.add_claim(sources[1], 0, 5, namesake, "said", Stance::Assert).expect("claim");

    let groups = wb.party_speakers("RU").expect("speakers");
    let lavrov = groups.iter().find(|g| g.names.iter().any(|n| n == "Сергей Лавров")).expect("Lavrov speaks for Russia");
    for name in ["Sergueï Lavrov", "Sergei Lavrov"] {
        assert!(lavrov.names.iter().any(|n| n == name), "{name} is one of his names: {groups:?}");
    }
    let filter = ClaimFilter { speaker_group: Some(SpeakerGroupRef { party: "RU".into(), key: lavrov.id.clone() }), ..Default::default() };
    let picked = wb.store().claims(&filter).expect("claims");
    let all = wb.store().claims(&ClaimFilter::default()).expect("claims");
    let his: Vec<i64> = all.iter().filter(|c| lavrov.names.contains(&c.speaker.name) && c.speaker.countries.contains(&"RU".to_string())).map(|c| c.id).collect();
    assert_eq!(picked.iter().map(|c| c.id).collect::<Vec<_>>(), his, "his claims under every name, in reading order: {picked:#?}");
    assert_eq!(picked.len(), lavrov.claims, "as many as the Parties view counts for him");
    let mut languages: Vec<String> = picked.iter().map(|c| wb.source(c.source_id).expect("source").language.unwrap_or_default()).collect();
    languages.dedup();
    assert_eq!(languages, ["fr", "en", "ru"], "in all three languages");
    for c in &all {
        let other = c.speaker.name.contains("Песков") || c.speaker.name == "Oleksiy Lavrov" || c.speaker.name == "Лаврова";
        assert!(!other || !picked.iter().any(|p| p.id == c.id), "nothing else: not {:?}", c.speaker);
    }
    let page = wb.store().claims_page(&filter, &DateSpan::default(), 0, 2).expect("page");
    assert_eq!((page.total, page.claims.len()), (lavrov.claims, 2), "a page counts the group and windows it");
    // The namesake is his own party's speaker, under the same key.
    let ua = ClaimFilter { speaker_group: Some(SpeakerGroupRef { party: "UA".into(), key: lavrov.id.clone() }), ..Default::default() };
    assert_eq!(wb.store().claims(&ua).expect("claims").iter().map(|c| c.speaker.name.as_str()).collect::<Vec<_>>(), ["Oleksiy Lavrov"]);

    // A claim corrected to name him joins the group; one corrected away leaves it.
    wb.set_setting("analyst", "Ana").expect("analyst");
    let peskov = all.iter().find(|c| c.speaker.name.contains("Песков")).expect("Peskov's claim").id;
    let to = |name: &str| crosscheck::ClaimChanges { speaker: Some(name.into()), ..Default::default() };
    wb.edit_claim(peskov, to("Sergey Lavrov"), "misread").expect("edit");
    wb.edit_claim(picked[0].id, to("Russian foreign ministry"), "misread").expect("edit");
    let now: Vec<i64> = wb.store().claims(&filter).expect("claims").iter().map(|c| c.id).collect();
    assert!(now.contains(&peskov) && !now.contains(&picked[0].id), "the group follows the corrections: {now:?}");
    let regrouped = wb.party_speakers("RU").expect("speakers");
    assert_eq!(regrouped.iter().find(|g| g.id == lavrov.id).map(|g| g.claims), Some(now.len()), "and so does the Parties view's count");
}

#[test]
fn source_pages_are_windows_of_every_source_with_their_claims_counted_whatever_their_canonical_urls() {
    let mut wb = Workbench::in_memory().expect("an in-memory store opens");
    assert!(!wb.has_sources().expect("has sources"), "an empty store holds no source");
    assert_eq!(wb.source_page(0, 10).expect("page").total, 0, "an empty store's page");
    let g = wb.gazetteer().expect("gazetteer");
    for i in 0..150 {
        // Accents: a text's length is counted in characters, not bytes.
        let text = format!("Dépêche {i} à l'été. {}", "Moscou, la frontière et le lac sont bien calmes. ".repeat(4 + i % 3));
        let mut doc = ingest::load(&format!("d{i}.txt"), text.as_bytes()).expect("text loads");
        // Canonical URLs in the reverse order of the ids, on some sources only: the page's ids come
        // from that index and must still be in id order.
        if i % 3 != 0 {
            doc.canonical_url = Some(format!("https://example.org/{:03}", 999 - i));
        }
        let id = wb.import_document(doc, None, &g).expect("import").source_id;
        for k in 0..i % 4 {
            let speaker = Speaker { name: "Moscou".into(), ..Default::default() };
            wb.add_claim(id, 22 + k * 46, 30 + k * 46, speaker, "a déclaré", Stance::Assert).expect("claim added");
        }
    }
    let all = wb.sources().expect("sources");
    let counts = wb.claim_counts_by_source().expect("counts");
    assert!(wb.has_sources().expect("has sources"), "the store holds sources");
    assert_eq!(wb.source_count().expect("count"), all.len(), "the count is every source");
    assert_eq!(wb.claim_count().expect("claims") as usize, counts.values().sum::<usize>(), "the claims counted by blocks are every claim");
    for offset in (0..all.len() + 9).step_by(7) {
        let page = wb.source_page(offset, 10).expect("page");
        assert_eq!(page.total, all.len(), "the total at {offset}");
        let window: Vec<_> = all.iter().skip(offset).take(10).collect();
        assert_eq!(page.sources.iter().map(|s| s.id).collect::<Vec<_>>(), window.iter().map(|s| s.id).collect::<Vec<_>>(), "page at {offset}: the window of every source in id order");
        for (got, s) in page.sources.iter().zip(window) {
            let expected = SourceListing::of(s, counts.get(&s.id).copied().unwrap_or(0));
            assert_eq!(got, &expected, "source {}: its facts, length in characters and claims as read whole", s.id);
        }
    }
}

#[test]
fn sources_are_found_by_words_of_their_title_or_text_newest_first_or_by_number_without_reading_the_library() {
    let mut wb = Workbench::in_memory().expect("an in-memory store opens");
    let g = wb.gazetteer().expect("gazetteer");
    let titles = ["Frappes sur Kharkiv", "Talks in Geneva", "Frappe de drones à Odessa", "Переговоры в Женеве", "Ceasefire holds"];
    let mut ids = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        let text = format!("{title}\n\nDépêche {i}. Moscou a déclaré que la frontière était calme. {}", if i == 4 { "Kharkiv est loin." } else { "" });
        let mut doc = ingest::load(&format!("s{i}.txt"), text.as_bytes()).expect("text loads");
        doc.title = (*title).to_string();
        let id = wb.import_document(doc, None, &g).expect("import").source_id;
        if i == 0 {
            let speaker = Speaker { name: "Moscou".into(), ..Default::default() };
            wb.add_claim(id, 21, 30, speaker, "a déclaré", Stance::Assert).expect("claim added");
        }
        ids.push(id);
    }
    let all = wb.sources().expect("sources");
    let counts = wb.claim_counts_by_source().expect("counts");
    let found = |words: &str, field: SourceField, limit: usize| -> Vec<i64> {
        wb.find_sources(words, field, limit).expect("found").iter().map(|s| s.id).collect()
    };
    let check = |words: &str, field: SourceField, limit: usize, expected: &[usize], why: &str| {
        let expected: Vec<i64> = expected.iter().map(|&i| ids[i]).collect();
        assert_eq!(found(words, field, limit), expected, "{words:?} ({field:?}, at most {limit}): {why}");
    };
    check("frappe", SourceField::Title, 10, &[2, 0], "an inflected form, newest first");
    check("kharkiv", SourceField::Title, 10, &[0], "a title's word only");
    check("kharkiv", SourceField::Any, 10, &[4, 0], "the text's words too");
    check("женева", SourceField::Title, 10, &[3], "a Russian word in another case");
    check("ODESSA drones", SourceField::Title, 10, &[2], "every word, case and order ignored");
    check("frappe", SourceField::Title, 1, &[2], "at most the limit");
    check("lune", SourceField::Any, 10, &[], "a word no source holds");
    check("", SourceField::Any, 10, &[], "no words");
    check(&format!("#{}", ids[1]), SourceField::Title, 10, &[1], "a number with its sign");
    check(&ids[3].to_string(), SourceField::Title, 10, &[3], "a bare number");
    check("999999", SourceField::Any, 10, &[], "a number no source has");
    // What a list shows of each: the listing a page of the library shows.
    for s in &all {
        let listing = wb.source_listing(s.id).expect("listing");
        assert_eq!(listing, SourceListing::of(s, counts.get(&s.id).copied().unwrap_or(0)), "source {}: the listing of the source read whole", s.id);
        assert_eq!(wb.find_sources(&s.id.to_string(), SourceField::Title, 1).expect("found"), vec![listing], "source {} by its number", s.id);
    }
    assert_eq!(
        wb.source_listings(&[ids[2], 999_999, ids[0]]).expect("listings").iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![ids[2], ids[0]],
        "listings in the order asked, an unknown id left out"
    );
    assert!(matches!(wb.source_listing(999_999), Err(Error::NotFound { .. })), "an unknown source is not found");
    let day = wb.source_listing(ids[0]).expect("listing").day();
    assert_eq!(day, (all[0].imported_at.date_naive(), true), "no publication day: dated by the import day");
}

#[test]
fn conflict_windows_are_windows_of_the_conflicts_list_with_or_without_a_claim() {
    let mut wb = Workbench::in_memory().expect("an in-memory store opens");
    wb.load_demo().expect("the sample workspace");
    let all = wb.conflicts(&ConflictFilter::default()).expect("conflicts");
    assert!(all.len() > 3, "the sample has conflicts: {}", all.len());
    let ids = |v: &[crosscheck::model::Conflict]| v.iter().map(|c| c.id).collect::<Vec<_>>();
    for offset in 0..all.len() + 2 {
        let window = wb.store().conflicts_window(&ConflictFilter::default(), offset, 2).expect("window");
        assert_eq!(ids(&window), ids(&all).into_iter().skip(offset).take(2).collect::<Vec<_>>(), "the window at {offset}");
        assert_eq!(window, all.iter().skip(offset).take(2).cloned().collect::<Vec<_>>(), "the window at {offset}, conflicts alike");
    }
    let claim = all[0].claims[0].claim_id;
    let of_claim = ConflictFilter { claim: Some(claim), ..Default::default() };
    let theirs = wb.conflicts(&of_claim).expect("a claim's conflicts");
    assert_eq!(ids(&wb.store().conflicts_window(&of_claim, 0, 1).expect("window")), ids(&theirs[..1]), "a claim's first conflict");
    assert!(wb.store().conflicts_window(&of_claim, theirs.len(), 5).expect("window").is_empty(), "past a claim's conflicts");
    let cards = wb.conflict_cards_window(&ConflictFilter::default(), 1, 2).expect("cards");
    let all_cards = wb.conflict_cards(&ConflictFilter::default()).expect("cards");
    assert_eq!(cards, all_cards[1..3].to_vec(), "cards of a window are the list's");
}
