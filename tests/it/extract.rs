//! The extractor end to end: claims of dispatches, scores against gold files, and no panic or hang
//! on bad input.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crosscheck::extract::{detect_language, eval, extract, speaker_name_flaws, ExtractConfig, ExtractedClaim, Extraction};
use crosscheck::gazetteer::Gazetteer;

use crate::support::shared_corpus;

fn run(text: &str, lang: Option<&str>) -> Extraction {
    extract(text, &ExtractConfig { gazetteer: Gazetteer::builtin(), language: lang })
}

/// One expected claim: speaker countries, a passage of the content, stance.
struct Want<'a> {
    countries: &'a [&'a str],
    contains: &'a str,
    stance: &'a str,
}

fn check(text: &str, wants: &[Want<'_>]) {
    let x = run(text, None);
    for w in wants {
        let found = x.claims.iter().any(|c| {
            c.speaker.who.countries == w.countries && c.text.contains(w.contains) && c.stance.as_str() == w.stance
        });
        assert!(found, "no claim {:?} by {:?} ({}) in {text:?}; got {:#?}", w.contains, w.countries, w.stance, x.claims);
    }
}

/// Each text gives exactly one claim, spoken by the name beside it.
fn one_speaker_each(cases: &[(&str, &str)]) {
    for &(text, name) in cases {
        let x = run(text, None);
        assert_eq!(x.claims.iter().map(|c| c.speaker.who.name.as_str()).collect::<Vec<_>>(), [name], "{text:?}: {:#?}", x.claims);
    }
}

/// The states of a claim's relays, nearest first: one list per relay.
fn via_states(c: &ExtractedClaim) -> Vec<Vec<String>> {
    c.via.iter().map(|v| v.countries.clone()).collect()
}

/// The text gives no claim.
fn no_claim(text: &str) {
    let x = run(text, None);
    assert!(x.claims.is_empty(), "{text:?}: {:#?}", x.claims);
}

#[test]
fn quotes_in_every_style_are_attributed_to_the_speaker_after_them() {
    let want = |contains| [Want { countries: &["AZ"], contains, stance: "assert" }];
    check("« Nos forces tiennent la ligne », a déclaré le ministère azerbaïdjanais de la Défense.", &want("Nos forces tiennent la ligne"));
    check("“Our forces hold the line,” the Azerbaijani defence ministry said.", &want("Our forces hold the line"));
    check("\"Our forces hold the line,\" said the Azerbaijani defence ministry.", &want("Our forces hold the line"));
    check("»Nos forces tiennent la ligne″, a affirmé Bakou.", &want("Nos forces tiennent la ligne"));
}

#[test]
fn indirect_speech_and_reported_positions_name_their_state() {
    check(
        "Bakou affirme avoir pris le contrôle de plusieurs villages. Erevan nie cela.",
        &[
            Want { countries: &["AZ"], contains: "avoir pris le contrôle", stance: "assert" },
            Want { countries: &["AM"], contains: "cela", stance: "deny" },
        ],
    );
    check(
        "Moscow accused Kyiv of shelling the plant. According to the IAEA, the site remains stable.",
        &[Want { countries: &["RU"], contains: "Kyiv of shelling the plant", stance: "assert" }],
    );
}

#[test]
fn russian_speech_is_attributed_in_every_case_and_word_order() {
    check(
        "Глава МИД России Сергей Лавров заявил, что Москва готова к переговорам. По словам Лаврова, переговоры могут начаться в мае.",
        &[
            Want { countries: &["RU"], contains: "Москва готова к переговорам", stance: "assert" },
            Want { countries: &["RU"], contains: "переговоры могут начаться в мае", stance: "report" },
        ],
    );
    check(
        "«Наши подразделения удерживают позиции», — заявили в Минобороны Армении.",
        &[Want { countries: &["AM"], contains: "Наши подразделения удерживают позиции", stance: "assert" }],
    );
    check(
        "Ереван опроверг сообщения Баку о том, что армянские военные обстреляли село.",
        &[
            Want { countries: &["AZ"], contains: "армянские военные обстреляли село", stance: "assert" },
            Want { countries: &["AM"], contains: "сообщения Баку", stance: "deny" },
        ],
    );
    check("В Кремле подтвердили, что разговор состоялся накануне.", &[Want { countries: &["RU"], contains: "разговор состоялся накануне", stance: "confirm" }]);
    check(
        "Министерство обороны Белоруссии прокомментировало обвинения Варшавы. Ведомство отвергло заявление польских властей, отметив, что это не соответствует действительности.",
        &[Want { countries: &["BY"], contains: "заявление польских властей", stance: "deny" }],
    );
}

#[test]
fn a_claim_carried_by_a_noun_is_its_authors_and_the_denial_holding_it_keeps_its_content() {
    check(
        "Le Pakistan rejette les allégations de l'Inde selon lesquelles des soldats pakistanais ont tiré sur la ligne de contrôle.",
        &[
            Want { countries: &["IN"], contains: "des soldats pakistanais ont tiré", stance: "assert" },
            Want { countries: &["PK"], contains: "les allégations de l'Inde", stance: "deny" },
        ],
    );
    check(
        "Moscow dismissed accusations by France that Russian troops had shelled the convoy.",
        &[Want { countries: &["FR"], contains: "Russian troops had shelled the convoy", stance: "assert" }],
    );
    // The author after a participle ("made by", "issued by"); an accusation's content as a noun
    // phrase after "regarding", « relatives à ».
    check(
        "Baku rejected the allegations made by Armenia that its drones had struck a school in Syunik.",
        &[Want { countries: &["AM"], contains: "its drones had struck a school", stance: "assert" }],
    );
    check(
        "Caracas dismissed the accusations issued by Colombia regarding an incursion of its helicopters over the Arauca river.",
        &[Want { countries: &["CO"], contains: "an incursion of its helicopters", stance: "assert" }],
    );
    check(
        "Le ministère géorgien a rejeté les accusations de la Russie relatives à des tirs de mortier sur un village frontalier.",
        &[Want { countries: &["RU"], contains: "des tirs de mortier sur un village", stance: "assert" }],
    );
}

#[test]
fn a_bare_object_is_content_only_when_it_reads_as_a_clause_or_the_verb_takes_one() {
    let texts = [
        "The home side added two more goals before the break.",
        "The ministry posted a photo of the convoy on its channel.",
        "The minister faced tough questions at the hearing.",
    ];
    for t in texts {
        let x = run(t, Some("en"));
        assert!(x.claims.is_empty(), "no speech in {t:?}; got {:#?}", x.claims);
    }
    check(
        "Ukraine denied any involvement. Both sides reported damage to border posts. Moscow vowed to retaliate.",
        &[
            Want { countries: &["UA"], contains: "any involvement", stance: "deny" },
            Want { countries: &["RU"], contains: "to retaliate", stance: "promise" },
        ],
    );
    check("Yerevan condemned the shelling of Goris.", &[Want { countries: &["AM"], contains: "the shelling of Goris", stance: "assert" }]);
    let x = run("Kyiv and Moscow reported damage to border posts.", Some("en"));
    assert!(x.claims.iter().any(|c| c.text.contains("damage to border posts")), "a report keeps its object: {:#?}", x.claims);
    check("The Armenian defence ministry added that two soldiers were wounded.", &[Want { countries: &["AM"], contains: "two soldiers were wounded", stance: "assert" }]);
}

#[test]
fn a_labelling_verb_takes_the_label_as_content() {
    check("Moscow called the reports \"a provocation\" on Tuesday.", &[Want { countries: &["RU"], contains: "a provocation", stance: "assert" }]);
    check("Baku described the shelling as a violation of the ceasefire.", &[Want { countries: &["AZ"], contains: "a violation of the ceasefire", stance: "assert" }]);
    let x = run("The patient took a sedative called clonazepam, part of a group known as benzodiazepines.", Some("en"));
    assert!(x.claims.is_empty(), "a name is no label: {:#?}", x.claims);
}

#[test]
fn a_bodys_proper_name_speaks_as_that_body_and_is_renamed_by_its_head_noun() {
    one_speaker_each(&[
        ("The Center for Strategic and International Studies said the gains were marginal.", "Center for Strategic and International Studies"),
        ("The Centre for Strategic Studies said the gains were marginal.", "Centre for Strategic Studies"),
        ("John Smith of the Centre for Strategic Studies said the plan was flawed.", "John Smith"),
        ("Sean O'Brien said the plan was flawed.", "Sean O'Brien"),
    ]);
    // The body speaks for no state; "it" stands for the body, not for the state named in what it said.
    let x = run("The Institute for the Study of War said Russian forces had advanced near Pokrovsk. It added that the gains were marginal.", Some("en"));
    let speakers: Vec<(&str, &[String])> = x.claims.iter().map(|c| (c.speaker.who.name.as_str(), c.speaker.who.countries.as_slice())).collect();
    assert_eq!(speakers, [("Institute for the Study of War", &[][..]), ("Institute for the Study of War", &[][..])], "{:#?}", x.claims);
    let x = run(
        "The Al-Sinnari Observatory, a local legal organisation, warned of a catastrophe. The observatory said thousands of citizens were displaced.",
        Some("en"),
    );
    assert!(x.claims.iter().all(|c| c.speaker.who.name == "Al-Sinnari Observatory") && x.claims.len() == 2, "{:#?}", x.claims);
}

#[test]
fn the_company_renames_the_stateless_name_that_spoke_just_before_it_in_the_paragraph() {
    let x = run("Google said it would remove the app. The company said it broke the rules.", Some("en"));
    assert_eq!(x.claims.iter().map(|c| c.speaker.who.name.as_str()).collect::<Vec<_>>(), ["Google", "Google"], "{:#?}", x.claims);
    // Not across a paragraph, nor past a name that did not speak: it stays the noun.
    let x = run("Google said it would remove the app.\n\nApple removed it on Monday. The company said it broke the rules.", Some("en"));
    assert_eq!(x.claims.iter().map(|c| c.speaker.who.name.as_str()).collect::<Vec<_>>(), ["Google", "company"], "{:#?}", x.claims);
}

#[test]
fn a_middle_initial_stays_inside_the_name() {
    one_speaker_each(&[
        ("The war would end soon, said James M. Lindsay, a senior fellow.", "James M. Lindsay"),
        ("George W. Bush said the war would end soon.", "George W. Bush"),
    ]);
}

#[test]
fn a_first_name_before_a_countys_noun_is_a_place_no_pronoun_stands_for() {
    one_speaker_each(&[("Jake Patterson was arrested on Friday. He lived in Gordon, in forested Douglas County. He told police he acted alone.", "Jake Patterson")]);
}

#[test]
fn an_initialism_before_an_office_names_its_state() {
    // The period of "U.S." before a capital is no token (as a title's), and the name is still found.
    let x = run("U.S. Defense Secretary Lloyd Austin said the aid would continue.", Some("en"));
    let speakers: Vec<(&str, &[String])> = x.claims.iter().map(|c| (c.speaker.who.name.as_str(), c.speaker.who.countries.as_slice())).collect();
    assert_eq!(speakers, [("Lloyd Austin", &["US".to_string()][..])], "{:#?}", x.claims);
    // A subdivision's noun in an office ("Secretary of State") heads no body's name.
    one_speaker_each(&[("Secretary of State Mike Pompeo said the dispute would not affect this.", "Mike Pompeo")]);
}

#[test]
fn an_apposition_opening_on_an_indefinite_article_neither_speaks_nor_names() {
    one_speaker_each(&[
        ("Somali group al-Shabaab, an al-Qaeda affiliate fighting to impose strict Islamic law, said they carried out the attack.", "Somali group al-Shabaab"),
        ("Kenza Tarek, a student at Laval University, said the talks had failed.", "Kenza Tarek"),
    ]);
}

#[test]
fn a_gerund_after_a_non_reporting_verb_is_said_by_the_office_holder_named_before_it() {
    one_speaker_each(&[
        ("Chinese foreign ministry spokeswoman Hua Chunying hit out at the West, saying sanctions had failed.", "Hua Chunying"),
        ("Russian Foreign Minister Sergei Lavrov hit out at the West, saying sanctions had failed.", "Sergei Lavrov"),
        ("In an interview on Monday, U.S. Secretary of State Mike Pompeo praised China and said the dispute would not affect this.", "Mike Pompeo"),
    ]);
}

#[test]
fn state_before_a_noun_is_no_reporting_verb() {
    one_speaker_each(&[
        ("Chinese state media said the drills were over.", "Chinese state media"),
        ("John Schickel, another GOP state senator, said it was unfair.", "John Schickel"),
    ]);
    let x = run("\"It is a lie meant to create pressure on the Ethiopian state,\" Tulu stated.", Some("en"));
    assert_eq!(x.claims.iter().map(|c| (c.speaker.who.name.as_str(), c.cue.as_str())).collect::<Vec<_>>(), [("Tulu", "stated")], "{:#?}", x.claims);
}

#[test]
fn a_long_apposition_keeps_its_head_as_the_speaker() {
    let x = run(
        "Maria van der Berg, a hydrologist and professor at the University of Lisbon, said the dam had been built on unstable ground.",
        Some("en"),
    );
    let c = x.claims.first().unwrap_or_else(|| panic!("one claim: {:#?}", x.claims));
    assert_eq!(c.speaker.who.name, "Maria van der Berg");
    assert!(c.text.starts_with("the dam had been built"), "{:?}", c.text);
    let x = run("\"The talks are over,\" John Reed, chief economist at Smith + Partners Inc., said.", Some("en"));
    assert!(x.claims.iter().any(|c| c.speaker.who.name == "John Reed" && c.text == "The talks are over"), "{:#?}", x.claims);
}

#[test]
fn a_denial_answers_the_nearest_claim_of_another_party() {
    let x = run("Bakou affirme avoir pris le contrôle de plusieurs villages. La nouvelle a été aussitôt démentie par Erevan.", None);
    let deny = x.claims.iter().find(|c| c.stance.as_str() == "deny").unwrap_or_else(|| panic!("a denial in {:#?}", x.claims));
    assert_eq!(deny.speaker.who.countries, ["AM"], "the agent of the passive denies");
    assert_eq!(deny.responds_to.as_deref(), Some("c1"), "it answers Baku's claim");
}

#[test]
fn relayed_speech_keeps_the_relay_and_pronouns_resolve_to_the_speaker() {
    let x = run(
        "Le ministre russe des Affaires étrangères Sergueï Lavrov a souligné que la Russie restait prête à aider, a déclaré le ministère.\n\
         Le haut diplomate russe a également appelé au calme.",
        None,
    );
    assert_eq!(x.claims.len(), 2, "two claims: {:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.name, "Sergueï Lavrov", "the minister speaks");
    assert_eq!(x.claims[0].via.len(), 1, "through the ministry");
    assert_eq!(x.claims[1].speaker.who.name, "Sergueï Lavrov", "the description resolves to him");
}

#[test]
fn acts_and_narration_are_no_claims() {
    let x = run("Bakou et Erevan ont déclaré la loi martiale. The government declared a state of emergency. L'ambassadeur a été convoqué.", None);
    assert!(x.claims.is_empty(), "declaring and summoning are acts: {:#?}", x.claims);
}

#[test]
fn person_speakers_resolve_he_and_she_to_the_last_named_person() {
    let x = run("Jane Doe said the plan was sound. She said it would pass.", Some("en"));
    assert_eq!(x.claims.len(), 2, "{:#?}", x.claims);
    assert_eq!(x.claims[1].speaker.who.name, "Jane Doe", "she is Jane Doe");
    assert!(x.claims[1].speaker.who.countries.is_empty(), "a private person stands for no state");
}

/// The speaker names of the claims of an English text whose content holds `passage`.
fn speakers_of(text: &str, passage: &str) -> Vec<String> {
    run(text, Some("en")).claims.into_iter().filter(|c| c.text.contains(passage)).map(|c| c.speaker.who.name).collect()
}

#[test]
fn press_conventions_of_english_news_are_attributed() {
    let cases: [(&str, &str, &[&str]); 6] = [
        ("The ECB met on Thursday. The bank said it did not change its rates.", "did not change its rates", &["bank"]),
        ("\"Mixing them raises the risk of death,\" says Dr. Matthew Bowes, the chief medical examiner.", "raises the risk", &["Matthew Bowes"]),
        ("During his trial, Garnier repeatedly told the jury he did not remember the bridge.", "he did not remember", &["Garnier"]),
        ("\"We met on Monday,\" Jane Doe said.\n\n\"And could they explain to the council what the timeline is?\"", "what the timeline is", &["Jane Doe"]),
        ("READ MORE: Trudeau says detention of Canadians is disturbing\n\nThe talks resumed.", "disturbing", &[]),
        ("Germany's DAX added 0.3 per cent to 4,797. The strange remark may have foreshadowed more claims.", "", &[]),
    ];
    for (text, passage, want) in cases {
        assert_eq!(speakers_of(text, passage), want, "speakers of {passage:?} in {text:?}");
    }
}

fn corpus_dirs() -> Vec<PathBuf> {
    vec![shared_corpus().join("dev")]
}

#[test]
fn dev_corpus_scores_f1_above_0_9_with_every_relay_and_reply_right() {
    let r = eval::eval_dirs(&corpus_dirs(), Gazetteer::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.f1 >= 0.9, "F1 {:.3} on dev: {:#?}", r.f1, r.documents);
    assert_eq!(r.via_accuracy, 1.0, "every via right: {:#?}", r.documents);
    assert_eq!(r.responds_to_accuracy, 1.0, "every responds_to right: {:#?}", r.documents);
    assert_eq!(r.overall.forbidden, 0, "no forbidden attribution: {:#?}", r.documents);
}

#[test]
fn own_corpus_scores_f1_above_0_85() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let r = eval::eval_dirs(&[dir], Gazetteer::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.documents.len() >= 6, "the fixtures are there");
    assert!(r.f1 >= 0.85, "F1 {:.3} on tests/corpus: {:#?}", r.f1, r.documents);
}

#[test]
fn held_out_dispatches_score_f1_above_0_85() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/heldout");
    let r = eval::eval_dirs(&[dir], Gazetteer::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.f1 >= 0.85, "F1 {:.3} on held-out dispatches: {:#?}", r.f1, r.documents);
    assert_eq!(r.overall.forbidden, 0, "no act or narration attributed: {:#?}", r.documents);
}

#[test]
fn ggt_quote_spans_score_above_the_publishers_extractor() {
    let path = shared_corpus().join("en-quotes-ggt/articles.jsonl");
    let r = eval::eval_ggt(&path, Gazetteer::builtin()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.articles, 98, "every article read");
    // The publishers' own extractor scores P 84.6 / R 82.7 on these quotes.
    assert!(r.precision >= 0.846 && r.recall >= 0.827, "P {:.3} R {:.3}", r.precision, r.recall);
}

#[test]
fn language_is_detected_from_function_words() {
    assert_eq!(detect_language("Le ministère a déclaré que la Russie restait prête."), "fr", "French");
    assert_eq!(detect_language("The ministry said that Russia was ready."), "en", "English");
    assert_eq!(detect_language("Министерство заявило, что Россия готова к переговорам."), "ru", "Russian");
    assert_eq!(detect_language(""), "und", "empty text has no language");
}

/// A tiny deterministic generator, so the robustness test needs no dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_bytes_and_pathological_texts_never_panic_or_hang() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let alphabet: Vec<char> = "aé «»“”\"'’‘″,.:;!? \n-Bakou Erevan a déclaré said nie denied selon according to il he Лавров 中".chars().collect();
    for round in 0..300 {
        let len = (rng.next() % 400) as usize;
        let text: String = if round % 2 == 0 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            (0..len).map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize]).collect()
        };
        for lang in [None, Some("fr"), Some("en")] {
            let x = run(&text, lang);
            let n = text.chars().count();
            assert!(x.claims.iter().all(|c| c.start <= c.end && c.end <= n), "offsets inside the text for {text:?}");
        }
    }
    // Large inputs stay linear: 5 MB without punctuation, unclosed quotes, and cue soup.
    let cases = [
        "mot ".repeat(1_250_000),
        "« il a dit ".repeat(300_000),
        "\"he said that ".repeat(300_000),
        "Bakou nie, Erevan affirme que ".repeat(150_000),
    ];
    for text in &cases {
        let start = Instant::now();
        let x = run(text, None);
        // Not a timing assertion: a generous bound that only a quadratic scan would exceed.
        assert!(start.elapsed().as_secs() < 120, "{} bytes took {:?}", text.len(), start.elapsed());
        assert!(x.claims.iter().all(|c| c.end - c.start <= 3_000), "content is capped");
    }
}

#[test]
fn an_office_holder_takes_the_state_of_the_document_and_keeps_it_for_every_claim() {
    // Named first with no office, then described by a state office: the person serves the state
    // the text is about, in the claims before the description too.
    let text = "RENNES - « Aucun ministre n'était présent », a déclaré mardi Jean Dupuis.\n\n\
                Invité de la radio, le ministre de l'Intérieur a rappelé qu'une enquête était en cours à Paris. \
                « La rumeur est dure », a ajouté Jean Dupuis.";
    let x = run(text, Some("fr"));
    let of = |passage: &str| x.claims.iter().find(|c| c.text.contains(passage)).map(|c| c.speaker.who.countries.clone());
    assert_eq!(of("Aucun ministre"), Some(vec!["FR".to_string()]), "{:#?}", x.claims);
    assert_eq!(of("une enquête était en cours"), Some(vec!["FR".to_string()]), "{:#?}", x.claims);
    assert_eq!(of("La rumeur est dure"), Some(vec!["FR".to_string()]), "{:#?}", x.claims);
}

#[test]
fn subjects_are_found_past_relatives_time_adverbials_and_leading_adjuncts() {
    let cases: [(&str, &str, &[&str]); 9] = [
        ("Li Wei was quoted as saying: \"We just have to do the engineering.\"", "engineering", &["Li Wei"]),
        ("In the meantime, the Lakeside Observatory, a local legal organisation, warned in a statement of a new catastrophe.", "a new catastrophe", &["Lakeside Observatory"]),
        ("The Electoral Board (EB) has dismissed the claims of fraud.", "claims of fraud", &["Electoral Board (EB)"]),
        ("The ministry spokesman Li Wei said at a news conference, adding the matter was closed.", "the matter was closed", &["Li Wei"]),
        ("Earlier Sunday, Ivan Horak, the head of the regional administration, said rockets had hit the town.", "rockets had hit", &["Ivan Horak"]),
        ("The paper interviewed officials in Uganda who said they had found weapons on the flight.", "found weapons", &["officials in Uganda"]),
        ("In a post on social media, Jane Doe said on Tuesday the government was in a position to know.", "in a position to know", &["Jane Doe"]),
        ("The ministry spokesman Li Wei said at a news conference, adding the matter was closed.", "at a news conference", &[]),
        ("A strike killed four people in Kharkiv, the Ukrainian authorities said.", "four people", &["Ukrainian authorities"]),
    ];
    for (text, passage, want) in cases {
        assert_eq!(speakers_of(text, passage), want, "speakers of {passage:?} in {text:?}");
    }
    // A denial's named agent speaks, though "denied" may be finite.
    let x = run("Moscow said it had struck a depot, a claim quickly denied by Kyiv.", Some("en"));
    let denial = x.claims.iter().find(|c| c.cue == "denied").expect("the denial");
    assert_eq!((denial.speaker.who.name.as_str(), denial.stance.as_str()), ("Kyiv", "deny"), "{:#?}", x.claims);
    // French: a relative clause in apposition is no part of the speaker; the aside before a
    // trailing cue holding a verb is content.
    let x = run("Les rebelles, qui ont lancé une offensive mercredi, ont affirmé avoir pénétré dans le pays. Une frappe a fait 4 morts à Kiev, ont indiqué les autorités ukrainiennes.", Some("fr"));
    let names: Vec<&str> = x.claims.iter().map(|c| c.speaker.who.name.as_str()).collect();
    assert_eq!(names, ["rebelles", "autorités ukrainiennes"], "{:#?}", x.claims);
}

#[test]
fn an_institution_does_not_rename_a_phrase_that_stands_for_nothing() {
    // "un dernier bilan" spoke; "le ministère" is the ministry of the state the text is about.
    let x = run("Sénégal : des heurts à Dakar. Seize personnes sont mortes, selon un dernier bilan. D'après le ministère, 500 personnes ont été interpellées.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("500 personnes")).expect("the ministry's claim");
    assert_eq!(c.speaker.who.countries, ["SN"], "{:#?}", x.claims);
}

#[test]
fn a_plain_negative_statement_answers_the_other_partys_claim() {
    let x = run("Baku said Armenian troops shelled its positions. Yerevan said its forces did not fire a single shot.", Some("en"));
    let reply = x.claims.iter().find(|c| c.text.contains("did not fire")).expect("the reply");
    assert_eq!(reply.stance.as_str(), "assert", "a negative statement stays an assertion");
    assert_eq!(reply.responds_to.as_deref(), Some("c1"), "{:#?}", x.claims);
}

#[test]
fn a_gerund_after_a_comma_is_the_speakers_next_claim_not_part_of_the_first() {
    let contents = |text: &str| -> Vec<(String, String)> {
        run(text, Some("en")).claims.iter().map(|c| (c.cue.clone(), c.text.clone())).collect()
    };
    // The quotation before "said in a statement" is what was said; "noting that" says the rest.
    let got = contents("\"Our forces hold the line,\" Nabil Abdalla said in a statement, noting that the forces held their positions.");
    assert_eq!(got, [("said".into(), "Our forces hold the line".into()), ("noting".into(), "the forces held their positions".into())]);
    // "adding that" inside the first "that" clause ends it.
    let got = contents("Wu highlighted that Taiwan is an internal affair, adding that the US wants to contain Beijing.");
    assert_eq!(got, [("highlighted".into(), "Taiwan is an internal affair".into()), ("adding".into(), "the US wants to contain Beijing".into())]);
}

#[test]
fn a_documents_author_named_after_it_speaks_and_a_news_agency_names_no_state() {
    // The agent of a document after "according to" is who speaks.
    check(
        "Guyana intends to provoke an incident, according to the document released by the Venezuelan Foreign Ministry.",
        &[Want { countries: &["VE"], contains: "Guyana intends to provoke", stance: "report" }],
    );
    // "…, reports Xinhua": the agency relays; the next office holder is not China's.
    let x = run("The army said it held the city, reports Xinhua news agency. The RSF spokesman Al-Fateh Qurashi announced that the RSF controlled Singa.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("controlled Singa")).expect("the spokesman's claim");
    assert!(c.speaker.who.countries.is_empty(), "{:#?}", x.claims);
    // A state's institution names the state the text is about: the office holder serves it.
    check(
        "Downing Street dismissed the story. The defence secretary said the claims were untrue.",
        &[Want { countries: &["GB"], contains: "the claims were untrue", stance: "deny" }],
    );
}

#[test]
fn an_office_holder_serves_the_state_of_their_institution_else_the_state_speaking() {
    // No ministry named before: the state that spoke, not the one whose ministry was merely named.
    check(
        "China said Taiwan's Defense Ministry had no reason to exist. \"The Taiwan region has no Ministry of National Defense,\" Foreign Ministry spokesman Lin Jian said.",
        &[Want { countries: &["CN"], contains: "The Taiwan region has no Ministry", stance: "assert" }],
    );
    // « представитель министерства »: the ministry just named, though Moldova spoke last.
    check(
        "«Мы не допустим шантажа», — сказал вице-премьер Молдавии Андрей Спыну. В МИД России назвали обвинения безосновательными. Официальный представитель министерства Мария Захарова отметила, что Москва не использовала газ как оружие.",
        &[Want { countries: &["RU"], contains: "не использовала газ как оружие", stance: "assert" }],
    );
}

#[test]
fn a_verb_that_speaks_only_inverted_acts_when_its_subject_comes_first() {
    let x = run("« Le Pakistan reste attaché au dialogue », a conclu le ministère pakistanais des Affaires étrangères.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!((x.claims[0].cue.as_str(), x.claims[0].speaker.who.countries.as_slice()), ("a conclu", &["PK".to_string()][..]));
    let x = run("Moscou et Bakou ont conclu vendredi un accord de cessez-le-feu. Paris a poursuivi ses efforts.", Some("fr"));
    assert!(x.claims.is_empty(), "an agreement concluded and efforts pursued say nothing: {:#?}", x.claims);
}

#[test]
fn an_office_is_a_person_by_its_head_noun_and_serves_no_state_in_a_nonstate_body() {
    // "the government spokesperson" is the spokesperson named before, not the last government.
    let x = run("The Rwandan government spokesperson Yolande Makolo rejected the claims. The Congolese government accuses Rwanda of supporting the rebels. \"The problem would not exist,\" the government spokesperson said.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("would not exist")).expect("the spokesperson's claim");
    assert_eq!((c.speaker.who.name.as_str(), c.speaker.who.countries.as_slice()), ("Yolande Makolo", &["RW".to_string()][..]), "{:#?}", x.claims);
    // An armed movement's spokesman speaks for no state, though Sudan's army spoke just before.
    let x = run("The Sudanese army said it held the city. The RSF's spokesman Al-Fateh Qurashi announced that the RSF controlled Singa.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("controlled Singa")).expect("the spokesman's claim");
    assert!(c.speaker.who.countries.is_empty(), "{:#?}", x.claims);
}

#[test]
fn an_acronym_the_text_defines_stands_for_the_body_it_abbreviates() {
    let x = run("Les services de sécurité ukrainiens (SBU) ont ouvert une enquête. « Ce sont des fragments d'un missile russe », a affirmé le SBU dans un communiqué.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("fragments d'un missile")).expect("the SBU's claim");
    assert_eq!(c.speaker.who.countries, ["UA"], "{:#?}", x.claims);
}

#[test]
fn a_quotation_woven_into_the_writers_clause_gives_the_whole_clause_as_content() {
    let x = run("Ces tirs visent parfois des fermes isolées où vivent des familles qui « n'ont nulle part où aller », a ajouté le maire.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert!(x.claims[0].text.starts_with("Ces tirs visent parfois des fermes"), "{:#?}", x.claims);
    // After an attribution in the clause, the quotation alone is the next claim.
    let x = run("Le porte-parole a affirmé que les tirs avaient cessé et « que le calme régnait », a précisé le maire.", Some("fr"));
    let c = x.claims.iter().find(|c| c.cue == "a précisé").expect("the second claim");
    assert_eq!(c.text, "que le calme régnait", "{:#?}", x.claims);
    // A quotation that is the whole clause is the content, as before.
    let x = run("\"We will not retreat,\" the minister said.", Some("en"));
    assert_eq!(x.claims[0].text, "We will not retreat", "{:#?}", x.claims);
}

#[test]
fn a_person_quoting_what_others_claim_says_something_of_their_own_and_relays_nothing() {
    let x = run("« On écoute la radio tous les jours, les rebelles affirmaient qu'ils avaient pris le col mais on ne les voit nulle part », a affirmé Jean Morel, le maire du village.", Some("fr"));
    let own = x.claims.iter().find(|c| c.cue == "a affirmé").expect("the mayor's own claim");
    assert!(own.text.contains("on ne les voit nulle part"), "{:#?}", x.claims);
    let theirs = x.claims.iter().find(|c| c.cue == "affirmaient").expect("the claim the mayor reports");
    assert!(theirs.via.is_empty(), "a person is no relay: {:#?}", x.claims);
    // A quotation that is only someone else's claim is relayed by the one who quotes it.
    let x = run("Le ministère russe a publié un rapport. « Sergueï Lavrov a souligné que la Russie poursuivra sa médiation », a-t-il déclaré.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].via.len(), 1, "{:#?}", x.claims);
}

#[test]
fn a_capitalized_portfolio_after_de_la_is_no_name() {
    let x = run("« Tout est calme », a affirmé le ministre de la Communication.", Some("fr"));
    assert_eq!(x.claims[0].speaker.who.name, "ministre de la Communication", "{:#?}", x.claims);
}

#[test]
fn a_french_present_passive_hands_the_denial_to_its_agent_and_a_reflexive_verb_stays_active() {
    let x = run("Ces accusations sont rejetées par Bagdad.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!((x.claims[0].speaker.who.countries.as_slice(), x.claims[0].text.as_str()), (&["IQ".to_string()][..], "Ces accusations"), "{:#?}", x.claims);
    let x = run("Le ministre irakien s'est dit prêt à négocier avec Ankara.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.countries, ["IQ"], "{:#?}", x.claims);
}

#[test]
fn a_pronoun_stands_for_someone_narrated_not_for_a_body_named_inside_what_was_said() {
    let x = run("The Rwandan government said it was worried by the Congolese army's build-up near the border. It said the talks had failed.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("talks had failed")).expect("the second claim");
    assert_eq!(c.speaker.who.countries, ["RW"], "{:#?}", x.claims);
}

#[test]
fn a_body_quoting_the_other_sides_claim_speaks_for_itself_and_relays_nothing() {
    let x = run("“The Azerbaijani defense ministry is spreading disinformation again, claiming that our units opened fire at its positions. Our units did not fire a single shot”, the Armenian defense ministry said in a statement.", Some("en"));
    let theirs = x.claims.iter().find(|c| c.cue == "claiming").expect("the claim reported of the other side");
    assert_eq!((theirs.speaker.who.countries.as_slice(), theirs.via.len()), (&["AZ".to_string()][..], 0), "{:#?}", x.claims);
    assert_eq!(theirs.speaker.who.name, "Azerbaijani defense ministry", "the subject runs to its verb: {:#?}", x.claims);
    let own = x.claims.iter().find(|c| c.cue == "said").expect("the ministry's own claim");
    assert_eq!(own.speaker.who.countries, ["AM"], "{:#?}", x.claims);
    assert!(own.text.contains("did not fire a single shot"), "{:#?}", x.claims);
}

#[test]
fn capitalized_words_after_an_institution_noun_name_the_institution_not_a_person() {
    let x = run("La répression aurait fait sept morts, selon les Forces Vives de Guinée. « Il y a trois corps à la morgue », a déclaré le procureur général près la Cour d'appel de Conakry.", Some("fr"));
    assert_eq!(x.claims.len(), 2, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.name, "Forces Vives de Guinée", "{:#?}", x.claims);
    assert!(x.claims[1].speaker.who.name.starts_with("procureur général"), "the prosecutor is no one named before: {:#?}", x.claims);
}

#[test]
fn a_bare_name_speaking_right_after_an_unnamed_office_holder_is_that_office_holder() {
    let x = run("« Trois blessés ont été soignés », a déclaré le procureur général de Kaboul. Ahmad Wali assure que l'enquête est ouverte.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("enquête")).expect("the named governor's claim");
    assert_eq!(c.speaker.who.countries, ["AF"], "{:#?}", x.claims);
    // Not when someone else spoke in between.
    let x = run("« Trois blessés ont été soignés », a déclaré le procureur général de Kaboul. Un habitant a dit que tout était calme. Ahmad Wali assure que l'enquête est ouverte.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("enquête")).expect("the named man's claim");
    assert!(c.speaker.who.countries.is_empty(), "{:#?}", x.claims);
}

#[test]
fn a_person_stating_their_governments_position_says_the_whole_quotation() {
    let x = run("« Le gouvernement rejette et condamne fermement de telles accusations », écrit le ministre malien de la Communication.", Some("fr"));
    let c = x.claims.iter().find(|c| c.cue == "écrit").expect("the minister's claim");
    assert_eq!(c.speaker.who.countries, ["ML"], "{:#?}", x.claims);
    assert!(c.text.contains("rejette et condamne fermement de telles accusations"), "the quotation whole: {:#?}", x.claims);
}

#[test]
fn a_label_after_a_conjunction_keeps_its_subject_and_a_false_label_denies() {
    let x = run("В Кремле подтвердили факт разговора, но назвали «вымыслом» сообщения об угрозах.", Some("ru"));
    let c = x.claims.iter().find(|c| c.cue == "назвали").expect("the label claim");
    assert_eq!((c.speaker.who.countries.as_slice(), c.stance), (&["RU".to_string()][..], crosscheck::model::Stance::Deny), "{:#?}", x.claims);
    // A gerund describing something qualifies it; it claims nothing.
    let x = run("The army said it had struck a depot, describing the target as \"a key site\".", Some("en"));
    assert!(x.claims.iter().all(|c| c.cue != "describing"), "{:#?}", x.claims);
}

#[test]
fn an_unnamed_holder_of_a_state_office_serves_the_state_around() {
    let x = run("Le Pakistan rejette les accusations. « Aucun élément n'a été trouvé », a indiqué un responsable militaire dans un message.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("Aucun élément")).expect("the official's claim");
    assert_eq!(c.speaker.who.countries, ["PK"], "{:#?}", x.claims);
    // An unnamed person with no office stays without a state.
    let x = run("Le Pakistan rejette les accusations. « Aucun élément n'a été trouvé », a indiqué un habitant.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("Aucun élément")).expect("the resident's claim");
    assert!(c.speaker.who.countries.is_empty(), "{:#?}", x.claims);
}

#[test]
fn a_family_name_written_first_finds_the_person_and_a_weekday_is_no_part_of_the_speaker() {
    let x = run(
        "China's foreign ministry spokeswoman Mao Ning Tuesday said the drills were routine. Mao stressed that Beijing would respond to any provocation.",
        None,
    );
    let by = |needle: &str| x.claims.iter().find(|c| c.text.contains(needle)).map(|c| (c.speaker.who.name.clone(), c.speaker.who.countries.clone()));
    assert_eq!(by("the drills were routine"), Some(("Mao Ning".to_string(), vec!["CN".to_string()])), "{:#?}", x.claims);
    assert_eq!(by("Beijing would respond"), Some(("Mao Ning".to_string(), vec!["CN".to_string()])), "{:#?}", x.claims);
    one_speaker_each(&[("Japan Thursday said the vessel had entered its waters.", "Japan")]);
}

#[test]
fn a_second_verb_after_mais_is_the_same_speakers_next_claim_as_after_but() {
    for text in ["Le coureur reconnaît ces oublis, mais assure qu'il n'a jamais voulu tricher.", "The runner admitted the missed tests but said he had never meant to cheat."] {
        let x = run(text, None);
        assert_eq!(x.claims.len(), 2, "two claims in {text:?}: {:#?}", x.claims);
        assert!(!x.claims[0].text.contains("mais") && !x.claims[0].text.contains("but"), "the first claim ends before the conjunction: {:#?}", x.claims);
        assert!(x.claims[1].text.contains("voulu tricher") || x.claims[1].text.contains("meant to cheat"), "{:#?}", x.claims);
    }
}

#[test]
fn a_toll_a_side_reports_is_its_claim_even_when_the_figure_follows_the_verb() {
    check("L'opposition évoque 27 morts dans la capitale.", &[Want { countries: &[], contains: "27 morts", stance: "report" }]);
    check("The ministry reported 14 deaths after the strike.", &[Want { countries: &[], contains: "14 deaths", stance: "report" }]);
    // A verb that is no report still reads as no speech before a figure.
    no_claim("Analysts estimated $3bn in losses.");
}

#[test]
fn a_participle_right_after_an_institution_or_a_state_is_what_it_says() {
    check(
        "Des tirs ont visé le poste frontalier, l'armée azerbaïdjanaise affirmant avoir riposté à une provocation.",
        &[Want { countries: &["AZ"], contains: "avoir riposté à une provocation", stance: "assert" }],
    );
    // A person or a thing before a gerund is not taken for a speaker.
    no_claim("A man claiming the prize was arrested.");
}

#[test]
fn a_dateline_run_into_the_first_sentence_is_no_part_of_the_speaker() {
    one_speaker_each(&[
        ("Kyiv, March 3 The Ukrainian air force said it had shot down 12 drones.", "Ukrainian air force"),
        ("Baku, May 2 (Trend) The Azerbaijani defence ministry said Armenian units had opened fire.", "Azerbaijani defence ministry"),
    ]);
}

#[test]
fn what_was_said_before_the_news_is_a_claim_and_what_is_yet_to_be_said_is_not() {
    check(
        "China rejected the criticism. It comes after the World Health Organization said Beijing had underreported the toll.",
        &[Want { countries: &[], contains: "Beijing had underreported the toll", stance: "assert" }],
    );
    no_claim("The talks will resume before the minister says anything.");
}

#[test]
fn a_capitalized_compound_ending_in_a_lowercase_word_is_an_adjective_not_a_name() {
    one_speaker_each(&[
        ("The Kremlin-backed administration said the dam had been shelled.", "Kremlin-backed administration"),
        ("The Iran-backed Houthi movement said it had attacked a ship.", "Iran-backed Houthi movement"),
        ("Jean-Pierre Dupont said the talks had failed.", "Jean-Pierre Dupont"),
    ]);
}

#[test]
fn a_name_after_a_modifiers_preposition_is_where_the_speaker_is_not_who() {
    one_speaker_each(&[
        ("Maria Lopes with the Lisbon Port Authority says the delays are caused by the strike.", "Maria Lopes"),
        ("The French embassy in Dar es Salaam said that the vote had been marred by irregularities.", "French embassy in Dar es Salaam"),
        ("Jean Dupont, chez Oxfam depuis vingt ans, a affirmé que les stocks étaient épuisés.", "Jean Dupont"),
    ]);
    // The embassy serves its state, not the city's.
    check(
        "The French embassy in Dar es Salaam said that the vote had been marred by irregularities.",
        &[Want { countries: &["FR"], contains: "the vote had been marred", stance: "assert" }],
    );
}

#[test]
fn a_name_right_before_a_person_noun_qualifies_it() {
    check(
        "Anna Varga runs a bakery. \"We are losing money every hour,\" says the soft-spoken Porto resident, who moved there in 2001.",
        &[Want { countries: &[], contains: "We are losing money", stance: "assert" }],
    );
    let text = "Anna Varga said the bakery would close. \"We are losing money every hour,\" says the soft-spoken Porto resident.";
    assert_eq!(speakers_of(text, "losing money"), ["Anna Varga"]);
}

#[test]
fn a_body_that_stands_for_no_state_takes_none_from_around_it() {
    let x = run("The Portuguese charity Ajuda said its director was detained. The group said the arrest was unlawful. Acme Shipping said its profits had fallen in Portugal. The company said sales would recover.", Some("en"));
    assert!(x.claims.len() >= 3, "{:#?}", x.claims);
    for c in x.claims.iter().filter(|c| c.text.contains("unlawful") || c.text.contains("recover")) {
        assert!(c.speaker.who.countries.is_empty(), "{:#?}", c);
    }
}

#[test]
fn an_acronym_names_a_body_and_no_earlier_person() {
    let text = "The opposition leader, Tom Mwanza, said the ballots were rigged.\n\nIn its final results, the NEC said the president took 84% of the vote.";
    assert_eq!(speakers_of(text, "84%"), ["NEC"]);
}

#[test]
fn a_name_in_apposition_after_an_institution_is_the_speaker() {
    let x = run("The head of the National Electoral Commission, Semistocles Kaijage, said the complaints were unsubstantiated.", Some("en"));
    assert_eq!(x.claims.iter().map(|c| c.speaker.who.name.as_str()).collect::<Vec<_>>(), ["Semistocles Kaijage"], "{:#?}", x.claims);
    let x = run("An observer mission from the East African Community said on Friday that the election was conducted in a regular manner.", Some("en"));
    assert_eq!(x.claims.len(), 1, "a described body speaks as itself: {:#?}", x.claims);
}

#[test]
fn an_unnamed_state_source_serves_the_state_around_in_any_number_and_phrase() {
    check(
        "Downing Street said the report was false.\n\nA government source quoted in the story described the allegation as \"just another lie\".",
        &[Want { countries: &["GB"], contains: "just another lie", stance: "deny" }],
    );
    check(
        "Sudan's army said it had repelled the attack. Security officials in the region said that no civilian had been hurt.",
        &[Want { countries: &["SD"], contains: "no civilian had been hurt", stance: "assert" }],
    );
}

#[test]
fn recalled_that_reports_and_recalled_an_envoy_does_not() {
    check(
        "The Venezuelan government recalled that none of the parties can claim the territory as its own.",
        &[Want { countries: &["VE"], contains: "none of the parties can claim", stance: "assert" }],
    );
    no_claim("Venezuela recalled its ambassador from Georgetown on Monday.");
}

#[test]
fn a_local_office_serves_the_state_of_the_city_it_names() {
    check(
        "Earlier Sunday, Pavlo Kyrylenko, the head of the Donetsk regional administration, said Russian forces had launched seven rocket attacks.",
        &[Want { countries: &["UA"], contains: "launched seven rocket attacks", stance: "assert" }],
    );
    check(
        "Le maire de Kharkiv, Ihor Terekhov, a affirmé que trois immeubles avaient été touchés.",
        &[Want { countries: &["UA"], contains: "trois immeubles", stance: "assert" }],
    );
    check(
        "Губернатор Белгородской области Вячеслав Гладков заявил, что ночью были сбиты два беспилотника.",
        &[Want { countries: &["RU"], contains: "два беспилотника", stance: "assert" }],
    );
    // A city is no state: its residents, or anyone from it, speak for none.
    let x = run("Residents of Kharkiv said the shelling lasted all night.\n\nA teacher from Donetsk said the school had been hit.", Some("en"));
    assert_eq!(x.claims.len(), 2, "{:#?}", x.claims);
    assert!(x.claims.iter().all(|c| c.speaker.who.countries.is_empty()), "{:#?}", x.claims);
}

#[test]
fn a_text_that_names_no_state_is_at_home_where_its_towns_are() {
    check(
        "Le ministre a organisé une fête dans sa villa de Courtrai. Le parquet a fait savoir que l'enquête était toujours en cours.",
        &[Want { countries: &["BE"], contains: "l'enquête était toujours en cours", stance: "assert" }],
    );
}

/// Every text of the shared corpora (dispatches and GGT articles) and of our own, with its language
/// when the corpus gives it.
fn every_corpus_text() -> Vec<(String, String, Option<&'static str>)> {
    let mut out = Vec::new();
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let dirs = ["dev", "news-fr", "news-en", "news-ru"].map(|d| shared_corpus().join(d)).into_iter().chain([own.clone(), own.join("heldout")]);
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        files.sort();
        assert!(!files.is_empty(), "texts in {}", dir.display());
        for f in files {
            out.push((f.display().to_string(), std::fs::read_to_string(&f).expect("readable text"), None));
        }
    }
    let ggt = shared_corpus().join("en-quotes-ggt/articles.jsonl");
    for (i, line) in std::fs::read_to_string(&ggt).expect("GGT articles").lines().enumerate() {
        let a: serde_json::Value = serde_json::from_str(line).expect("a JSON article");
        out.push((format!("GGT article {i}"), a["text"].as_str().expect("its text").to_string(), Some("en")));
    }
    out
}

#[test]
fn no_speaker_name_in_any_corpus_holds_a_verb_a_cue_or_a_clause() {
    // The check itself: it finds what it should, and only that.
    assert_eq!(speaker_name_flaws("the government accuses", "en"), ["accuses"]);
    assert_eq!(speaker_name_flaws("official who was present in court", "en"), ["was"]);
    assert_eq!(speaker_name_flaws("le ministère a déclaré que", "fr"), ["a", "déclaré", "que"]);
    assert!(speaker_name_flaws("communiqué du ministère arménien", "fr").is_empty());
    assert!(speaker_name_flaws("Foreign Ministry spokesman Lin Jian", "en").is_empty());
    let mut bad = Vec::new();
    let texts = every_corpus_text();
    assert!(texts.len() > 150, "every corpus read: {}", texts.len());
    for (name, text, lang) in &texts {
        let x = run(text, *lang);
        for c in &x.claims {
            let flaws = speaker_name_flaws(&c.speaker.who.name, &x.language);
            if !flaws.is_empty() {
                bad.push(format!("{name}: {:?} holds {flaws:?}", c.speaker.who.name));
            }
        }
    }
    assert!(bad.is_empty(), "{} speaker names hold a verb, a cue or a clause:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn a_pronoun_with_no_speaker_before_it_stands_for_the_person_a_sentence_opened_with() {
    check(
        "Foreign Minister Ana Silva arrived in Luanda on Monday. She said the talks had failed.",
        // (A state office: she serves the state the text is about, Luanda's.)
        &[Want { countries: &["AO"], contains: "the talks had failed", stance: "assert" }],
    );
    assert_eq!(speakers_of("Foreign Minister Ana Silva arrived in Luanda on Monday. She said the talks had failed.", "talks"), ["Ana Silva"]);
    // A speaker before comes first: the narrated victim is not who speaks.
    let text = "The prosecutor, Rui Costa, said three men had died. Paulo Mendes was 16. He said an inquiry had been opened.";
    assert_eq!(speakers_of(text, "inquiry"), ["Rui Costa"]);
}

#[test]
fn a_gerund_after_a_comma_closed_inside_a_quotation_is_the_next_claim() {
    let x = run("Vickers said he is a \"long way from making a decision,\" noting that he has been in public service for 43 years.", Some("en"));
    let texts: Vec<&str> = x.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(!texts[0].contains("noting"), "the first claim ends at the quotation: {texts:?}");
    assert_eq!(texts[1], "he has been in public service for 43 years");
}

#[test]
fn a_clause_after_the_setting_of_a_statement_is_what_was_said() {
    let x = run("The council stated in July it opposed the pipeline. Kim said in his New Year's speech he was ready to meet the president.", Some("en"));
    let texts: Vec<&str> = x.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["it opposed the pipeline", "he was ready to meet the president"]);
    // A setting with no clause after it says nothing.
    no_claim("The minister said at a news conference in Kyiv.");
}

#[test]
fn an_addressee_before_what_was_said_is_no_part_of_it() {
    let x = run("Kremlin spokesman Dmitry Peskov told reporters the claims were absurd. The minister told Reuters it had no plans to resign.", Some("en"));
    let texts: Vec<&str> = x.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["the claims were absurd", "it had no plans to resign"]);
}

#[test]
fn officials_of_a_city_serve_its_state() {
    check("Officials in Kharkiv said two people were wounded.", &[Want { countries: &["UA"], contains: "two people were wounded", stance: "assert" }]);
}

#[test]
fn as_reported_in_an_institution_names_it_as_the_source() {
    check("Как сообщили в Минобороны РФ, удар был нанесен по складам.", &[Want { countries: &["RU"], contains: "удар был нанесен по складам", stance: "report" }]);
}

#[test]
fn a_first_name_is_no_city() {
    // "Сергей" shares its stem with a city once called Серго (Ukraine): no state from it.
    check("Глава МИД Сергей Лавров подчеркнул, что Россия не намерена отступать.", &[Want { countries: &["RU"], contains: "Россия не намерена отступать", stance: "assert" }]);
    let x = run("Police chief Sergei Ivanov said the road was closed.", Some("en"));
    assert!(x.claims.iter().all(|c| c.speaker.who.countries.is_empty()), "{:#?}", x.claims);
}

#[test]
fn a_spokesman_of_a_movement_speaks_for_no_state_whatever_state_he_names() {
    check(
        "\"The Yemeni armed forces will retaliate against any aggression,\" Houthi military spokesperson Yahya Sarea said in a statement.",
        &[Want { countries: &[], contains: "will retaliate", stance: "assert" }],
    );
}

/// The relayed sentence (each text's last) gives one claim, of the speaker's state, relayed by the
/// agency's state; the agency says nothing of its own.
fn relayed_once(cases: &[(&str, &str, &str)]) {
    for &(text, state, relay) in cases {
        let x = run(text, None);
        let last = text.rfind(". ").map_or(0, |p| text[..p + 2].chars().count());
        let got: Vec<(Vec<String>, Vec<Vec<String>>)> = x.claims.iter().filter(|c| c.start >= last).map(|c| (c.speaker.who.countries.clone(), c.via.iter().map(|v| v.countries.clone()).collect())).collect();
        assert_eq!(got, [(vec![state.to_string()], vec![vec![relay.to_string()]])], "{text:?}: {:#?}", x.claims);
    }
}

#[test]
fn a_news_agency_named_in_an_aside_relays_the_sentence_and_says_nothing_itself() {
    relayed_once(&[
        ("Iran's foreign ministry spokesman Nasser Kanaani, quoted by the IRNA news agency, said the strikes violated Iraq's sovereignty.", "IR", "IR"),
        ("In a statement carried by the official KCNA news agency, North Korea's defence ministry said the drills were a rehearsal for invasion.", "KP", "KP"),
        ("Turkish Defence Minister Yasar Guler said the operation would continue, according to the Anadolu news agency.", "TR", "TR"),
        ("According to Xinhua, the Chinese foreign ministry said the patrols were lawful.", "CN", "CN"),
        ("Le ministre iranien Abbas Araghchi, cité par l'agence officielle IRNA, a affirmé que les frappes violaient la souveraineté irakienne.", "IR", "IR"),
        ("« Les exercices sont une répétition d'invasion », a déclaré le ministère nord-coréen de la Défense dans un communiqué relayé par l'agence officielle KCNA.", "KP", "KP"),
    ]);
}

#[test]
fn an_agency_quoting_or_citing_a_source_relays_that_source() {
    relayed_once(&[
        ("Iran's foreign ministry spokesman Nasser Kanaani arrived in Baghdad on Monday. The state news agency IRNA quoted Kanaani as saying the strikes violated Iraq's sovereignty.", "IR", "IR"),
        ("Iranian foreign ministry spokesman Abbas Mousavi arrived in Baghdad on Monday. \"Washington has openly shown its support to terrorism,\" Iran's state-run IRNA news agency quoted him as saying.", "IR", "IR"),
        ("L'agence officielle Xinhua, citant le ministère chinois des Affaires étrangères, a indiqué que les patrouilles étaient légales.", "CN", "CN"),
        ("The Russian defence ministry said on Monday that its air defences were on alert. TASS reported, citing the defence ministry, that the drones were shot down.", "RU", "RU"),
    ]);
    // A source cited by an outlet that is no agency is no claim of its own: the outlet's report is.
    let x = run("When asked about a recent Reuters report citing multiple anonymous sources that claimed the chips failed a test, Huang said there was no story.", None);
    assert!(x.claims.iter().all(|c| c.speaker.who.name != "multiple anonymous sources"), "{:#?}", x.claims);
}

#[test]
fn a_claim_named_inside_a_denial_is_its_authors_and_the_denial_answers_it() {
    let x = run("The Indian army said on Tuesday that it had destroyed three launch pads. Tehran on Wednesday denied Washington's claim that it had supplied drones to Moscow.", None);
    let theirs = x.claims.iter().find(|c| c.speaker.who.countries == ["US"]).unwrap_or_else(|| panic!("Washington's claim: {:#?}", x.claims));
    assert!(theirs.text.contains("supplied drones to Moscow"), "{:#?}", x.claims);
    let denial = x.claims.iter().find(|c| c.speaker.who.countries == ["IR"]).unwrap_or_else(|| panic!("Tehran's denial: {:#?}", x.claims));
    assert_eq!(denial.responds_to.as_deref(), Some(theirs.id.as_str()), "the denial answers the claim it names, not the nearest: {:#?}", x.claims);
    let x = run("Moscou a démenti jeudi les affirmations de Kiev selon lesquelles ses troupes avaient bombardé la centrale.", None);
    let theirs = x.claims.iter().find(|c| c.speaker.who.countries == ["UA"]).unwrap_or_else(|| panic!("Kyiv's claim: {:#?}", x.claims));
    let denial = x.claims.iter().find(|c| c.speaker.who.countries == ["RU"]).unwrap_or_else(|| panic!("the denial: {:#?}", x.claims));
    assert_eq!(denial.responds_to.as_deref(), Some(theirs.id.as_str()), "{:#?}", x.claims);
}

#[test]
fn a_claim_noun_before_a_name_heads_a_relative_clause_whose_subject_speaks() {
    let x = run("The Indian army said on Tuesday it had destroyed three launch pads, a claim Pakistan rejected.", None);
    let names: Vec<&str> = x.claims.iter().map(|c| c.speaker.who.name.as_str()).collect();
    assert_eq!(names, ["Indian army", "Pakistan"], "{:#?}", x.claims);
    assert_eq!(x.claims[1].responds_to.as_deref(), Some(x.claims[0].id.as_str()), "{:#?}", x.claims);
}

#[test]
fn a_statement_answers_the_claim_it_quotes_and_that_claim_answers_nothing_back() {
    let x = run("“The Azerbaijani defense ministry is spreading another disinformation, claiming that Armenian units opened fire at its positions,” the Armenian defense ministry said.", None);
    let theirs = x.claims.iter().find(|c| c.speaker.who.countries == ["AZ"]).unwrap_or_else(|| panic!("the claim quoted: {:#?}", x.claims));
    let ours = x.claims.iter().find(|c| c.speaker.who.countries == ["AM"]).unwrap_or_else(|| panic!("the statement: {:#?}", x.claims));
    assert_eq!(ours.responds_to.as_deref(), Some(theirs.id.as_str()), "{:#?}", x.claims);
    assert_eq!(theirs.responds_to, None, "{:#?}", x.claims);
}

#[test]
fn a_claim_whose_author_goes_unnamed_is_a_claim_of_no_party_and_the_denial_answers_it() {
    // Guidelines: a claim mentioned inside another party's denial is a claim in its own right;
    // with no author named ("the claim that", "a report claiming", « les affirmations selon
    // lesquelles »), it belongs to no party, never to the last one named.
    for (text, theirs, denier) in [
        ("The Sudanese army on Sunday refuted the claim that the paramilitary forces had taken control of the town.", "the paramilitary forces had taken control", "SD"),
        ("The United Arab Emirates denied a report claiming weapons were found in its aid shipments.", "weapons were found in its aid shipments", "AE"),
        ("Le gouvernement malien a rejeté les affirmations selon lesquelles son armée aurait exécuté des civils.", "son armée aurait exécuté des civils", "ML"),
        ("В Кремле назвали вымыслом сообщения о том, что президент обсуждал вопросы НАТО.", "президент обсуждал вопросы НАТО", "RU"),
    ] {
        let x = run(text, None);
        let claim = x.claims.iter().find(|c| c.text.contains(theirs) && c.stance.as_str() == "assert").unwrap_or_else(|| panic!("{text:?}: the unnamed claim in {:#?}", x.claims));
        assert!(claim.speaker.who.countries.is_empty() && claim.speaker.who.party.is_none(), "{text:?}: no party speaks it: {:#?}", claim.speaker);
        let denial = x.claims.iter().find(|c| c.stance.as_str() == "deny").unwrap_or_else(|| panic!("{text:?}: a denial in {:#?}", x.claims));
        assert_eq!(denial.speaker.who.countries, [denier], "{text:?}");
        assert_eq!(denial.responds_to.as_deref(), Some(claim.id.as_str()), "{text:?}: the denial answers it: {:#?}", x.claims);
    }
}

#[test]
fn a_content_opening_with_a_quoted_word_keeps_its_quotation_mark() {
    check("Les rebelles du Tchad affirment \"rouler\" vers la capitale, ce que le gouvernement dément.", &[Want { countries: &[], contains: "\"rouler\" vers la capitale", stance: "assert" }]);
    check("The rebels said \"thousands\" of soldiers had deserted.", &[Want { countries: &[], contains: "\"thousands\" of soldiers", stance: "assert" }]);
}

#[test]
fn a_pronoun_in_a_clause_after_the_sentences_subject_stands_for_that_subject() {
    // The state that issued the statement blames, not the ministry that last spoke.
    let before = "According to a note released by the Guyanese Ministry of Foreign Affairs, two jets flew over the community.\n\n";
    for sentence in [
        "Caracas issued an official statement in which it blamed the authorities for manipulating reality.",
        "Faced with this scenario, Caracas issued an official statement in which it blamed the authorities for manipulating reality.",
    ] {
        check(&format!("{before}{sentence}"), &[Want { countries: &["VE"], contains: "manipulating reality", stance: "assert" }]);
    }
}

#[test]
fn a_label_after_a_long_object_is_the_verbs_and_the_accusation_it_labels_keeps_its_own_content() {
    let x = run("The Venezuelan government on Wednesday described the accusations issued by Guyana regarding an alleged violation of its territorial sovereignty by fighter jets as inaccurate and false.", None);
    let theirs = x.claims.iter().find(|c| c.speaker.who.countries == ["GY"]).unwrap_or_else(|| panic!("Guyana's accusation in {:#?}", x.claims));
    assert_eq!(theirs.stance.as_str(), "assert", "{theirs:#?}");
    assert!(theirs.text.ends_with("by fighter jets"), "the label is not part of the accusation: {:?}", theirs.text);
    let denial = x.claims.iter().find(|c| c.speaker.who.countries == ["VE"]).unwrap_or_else(|| panic!("Venezuela's label in {:#?}", x.claims));
    assert_eq!((denial.stance.as_str(), denial.text.as_str()), ("deny", "inaccurate and false"));
    assert_eq!(denial.responds_to.as_deref(), Some(theirs.id.as_str()));
}

#[test]
fn the_document_stands_for_a_report_named_with_its_author_since_the_last_speaker() {
    let x = run("« Le gouvernement du Mali rejette fermement ces accusations infondées », écrit le ministre malien de la Communication, à propos du rapport publié mardi par Amnesty International. Le document accuse l'armée d'avoir tué au moins quarante civils dans deux villages.", None);
    let theirs = x.claims.iter().find(|c| c.text.contains("tué au moins quarante civils")).unwrap_or_else(|| panic!("the report's claim in {:#?}", x.claims));
    assert!(theirs.speaker.who.countries.is_empty(), "the report is Amnesty's, not Mali's: {:#?}", theirs.speaker);
    // The minister quoting the government's position makes one claim, not two.
    let mali: Vec<_> = x.claims.iter().filter(|c| c.speaker.who.countries == ["ML"]).collect();
    assert_eq!(mali.len(), 1, "{mali:#?}");
    assert_eq!(mali[0].stance.as_str(), "deny");
}

#[test]
fn two_joined_verbs_share_their_object_and_the_first_never_says_the_conjunction() {
    for text in ["Les autorités tchadiennes démentent et dénoncent une campagne de désinformation.", "The Chadian authorities denied and condemned the allegations."] {
        let x = run(text, None);
        assert!(!x.claims.is_empty(), "{text:?}");
        assert!(x.claims.iter().all(|c| !matches!(c.text.as_str(), "et" | "and")), "{text:?}: {:#?}", x.claims);
        assert!(x.claims.iter().all(|c| c.speaker.who.countries == ["TD"]), "{text:?}: {:#?}", x.claims);
        assert_eq!(x.claims[0].stance.as_str(), "deny", "{text:?}");
    }
}

#[test]
fn a_claim_noun_in_apposition_before_a_relative_denial_names_the_clause_before() {
    for text in ["The army said it struck a command centre, a claim which Hamas denies.", "The army said it struck a command centre – an allegation that Hamas denies."] {
        let x = run(text, Some("en"));
        let army = x.claims.iter().find(|c| c.speaker.who.name == "army").unwrap_or_else(|| panic!("{text:?}: {:#?}", x.claims));
        assert_eq!(army.text, "it struck a command centre", "{text:?}: the apposition is not the army's");
        let denial = x.claims.iter().find(|c| c.stance.as_str() == "deny").unwrap_or_else(|| panic!("{text:?}: {:#?}", x.claims));
        assert_eq!((denial.speaker.who.name.as_str(), denial.responds_to.as_deref()), ("Hamas", Some(army.id.as_str())), "{text:?}");
    }
}

#[test]
fn a_claim_inside_a_quotation_ends_where_its_sentence_ends() {
    let text = "“The Azerbaijani defense ministry is spreading disinformation, claiming that our units opened fire at its positions. This information has nothing to do with reality, as our units did not fire a single shot”, the Armenian defense ministry said.";
    let x = run(text, Some("en"));
    let theirs = x.claims.iter().find(|c| c.speaker.who.countries == ["AZ"]).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(theirs.text, "our units opened fire at its positions");
    // Ending there, it holds no negation of the next sentence: it answers nothing, and the
    // Armenian statement answers it.
    assert_eq!(theirs.responds_to, None);
    let ours = x.claims.iter().find(|c| c.speaker.who.countries == ["AM"]).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(ours.responds_to.as_deref(), Some(theirs.id.as_str()));
}

#[test]
fn a_lead_with_no_verb_before_the_subject_is_its_apposition_not_what_was_said() {
    let text = "Официальный представитель Министерства обороны России, генерал-лейтенант Игорь Конашенков рассказал про ракетный удар по военной технике.";
    let x = run(text, Some("ru"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert!(x.claims[0].text.starts_with("про ракетный удар"), "{:#?}", x.claims);
}

#[test]
fn a_document_noun_with_its_author_carries_a_claim_only_before_a_link_no_relative_opens() {
    let x = run("The Defense Ministry of Armenia denies the statement of the Azerbaijani defense ministry according to which the Armenian armed forces opened fire towards the Azerbaijani positions.", Some("en"));
    let theirs = x.claims.iter().find(|c| c.speaker.who.countries == ["AZ"]).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert!(theirs.text.ends_with("the Armenian armed forces opened fire towards the Azerbaijani positions"), "{theirs:#?}");
    let denial = x.claims.iter().find(|c| c.speaker.who.countries == ["AM"]).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!((denial.stance.as_str(), denial.responds_to.as_deref()), ("deny", Some(theirs.id.as_str())));
    // "that" may open a relative clause after a document: no claim of the ministry there.
    let x = run("The Armenian ministry quoted the statement of the Azerbaijani defense ministry that was released on Monday.", Some("en"));
    assert!(x.claims.iter().all(|c| c.speaker.who.countries != ["AZ"]), "{:#?}", x.claims);
    let x = run("Erevan dément le communiqué du ministère azerbaïdjanais de la Défense selon lequel ses soldats ont ouvert le feu.", Some("fr"));
    assert!(x.claims.iter().any(|c| c.speaker.who.countries == ["AZ"] && c.text.ends_with("ses soldats ont ouvert le feu")), "{:#?}", x.claims);
}

#[test]
fn a_claim_whose_pronoun_stands_for_no_one_named_is_kept_unresolved_not_dropped() {
    let x = run("Des combattants ont lancé une attaque contre une base vendredi. Ils affirment y avoir tué des dizaines de soldats.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    let c = &x.claims[0];
    assert_eq!((c.text.as_str(), c.speaker.resolved), ("y avoir tué des dizaines de soldats", false));
    assert!(c.speaker.who.countries.is_empty() && c.speaker.who.party.is_none(), "{c:#?}");
    // Inside a quotation, or in a clause a complementizer opens, a pronoun is someone else's words.
    no_claim("\"We met on Monday.\"\n\n\"And could they explain to the council what the timeline is?\"");
    no_claim("У Путина не признались, что он угрожал Порошенко.");
}

#[test]
fn a_pronoun_in_a_prepositional_cue_stands_for_the_last_speaker() {
    for (text, lang, content) in [
        ("« La situation est grave », a déclaré Jean Dupont. Selon lui, la crise va durer.", "fr", "la crise va durer"),
        ("«Ситуация серьезная», — заявил Иван Петров. По его словам, кризис продлится.", "ru", "кризис продлится"),
    ] {
        let x = run(text, Some(lang));
        let c = x.claims.iter().find(|c| c.text == content).unwrap_or_else(|| panic!("{text:?}: {:#?}", x.claims));
        assert!(c.speaker.who.name.ends_with(if lang == "fr" { "Dupont" } else { "Петров" }), "{text:?}: {c:#?}");
    }
}

#[test]
fn a_rank_between_an_office_and_a_name_keeps_the_offices_state() {
    let x = run("Официальный представитель Министерства обороны России, генерал-лейтенант Игорь Конашенков рассказал про ракетный удар. «Удар нанесен по ангарам», — заявил Конашенков.", Some("ru"));
    assert_eq!(x.claims.len(), 2, "{:#?}", x.claims);
    assert!(x.claims.iter().all(|c| c.speaker.who.countries == ["RU"]), "{:#?}", x.claims);
}

#[test]
fn he_and_she_stand_for_the_last_person_of_their_sex_the_writer_named() {
    // "she" is not the man who spoke last, but the woman the writer named before him.
    let x = run("Kody's mother, Wendy Golden, lives in Halifax. \"He was failed,\" Richard Cuthbertson said. \"That's why I chose to fight,\" she said.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("chose to fight")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(c.speaker.who.name, "Wendy Golden", "{c:#?}");
    // A title tells the sex too; with nothing to tell it, a pronoun stands for the last person as before.
    let x = run("Mrs Ana Silva met Mr Tom Reed on Monday. \"We agreed,\" Reed said. \"Nothing was signed,\" she said.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("Nothing was signed")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(c.speaker.who.name, "Ana Silva", "{c:#?}");
    let x = run("« Nous défendons notre pays », a déclaré le porte-parole Paul Martin. « Nous sommes prêts », ajoute-t-il.", Some("fr"));
    assert!(x.claims.iter().all(|c| c.speaker.who.name == "Paul Martin"), "{:#?}", x.claims);
}

#[test]
fn an_outlet_cited_by_name_alone_is_kept_as_a_speaker_of_no_party() {
    let x = run("Reuters reported that both chip generations failed the verification process.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    let c = &x.claims[0];
    assert_eq!((c.speaker.who.name.as_str(), c.speaker.resolved), ("Reuters", false), "{c:#?}");
    assert!(c.speaker.who.countries.is_empty());
}

#[test]
fn an_agency_naming_what_was_just_said_relays_the_sentence_before() {
    let x = run("В Кремле подтвердили факт телефонного разговора президентов. Об этом пресс-секретарь президента Дмитрий Песков, передает ТАСС.", Some("ru"));
    let c = x.claims.iter().find(|c| c.text.contains("телефонного разговора")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(via_states(c), [["RU".to_string()]], "{c:#?}");
    // An agency closing a sentence of its own says nothing and relays nothing before it.
    let x = run("В Кремле подтвердили факт телефонного разговора президентов. Версию двух сторон передает ТАСС.", Some("ru"));
    let c = x.claims.iter().find(|c| c.text.contains("телефонного разговора")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert!(c.via.is_empty(), "{c:#?}");
}

#[test]
fn a_lead_with_a_verb_the_lexicon_does_not_list_is_still_what_was_said() {
    let x = run("Russian forces shelled the village near the border overnight, the Ukrainian army said.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert!(x.claims[0].text.starts_with("Russian forces shelled the village"), "{:#?}", x.claims);
}

#[test]
fn a_name_joined_to_a_speaker_after_its_cue_speaks_too() {
    let x = run("На участке границы произошла перестрелка между военнослужащими, сообщают погранслужбы КР и РТ.", Some("ru"));
    let c = x.claims.iter().find(|c| c.text.contains("перестрелка")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(c.speaker.who.countries, ["KG", "TJ"], "{c:#?}");
    let x = run("Les deux armées ont échangé des tirs à la frontière, ont affirmé Bakou et Erevan.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("échangé des tirs")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(c.speaker.who.countries, ["AZ", "AM"], "{c:#?}");
}

#[test]
fn a_body_named_by_its_noun_alone_is_not_the_state_of_the_agency_relaying_the_text() {
    // Sputnik relays; the border service that speaks next is not Russia's for it.
    let x = run("Сегодня на границе случился конфликт, передает Sputnik. На участке госграницы произошла перестрелка, сообщает погранслужба ГКНБ.", Some("ru"));
    let c = x.claims.iter().find(|c| c.text.contains("перестрелка")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert!(!c.speaker.who.countries.contains(&"RU".to_string()), "{c:#?}");
}

#[test]
fn a_name_before_a_division_noun_is_no_city_of_another_state() {
    // "Shan" is also a Chinese town; "Shan State" is a division, and gives no state to the
    // officials that speak.
    let x = run("The outlet is spreading false news that the army shelled houses in southern Shan State. However, relevant regional security officials have refuted these claims.", Some("en"));
    let c = x.claims.iter().find(|c| c.speaker.who.name.contains("security officials")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert!(!c.speaker.who.countries.contains(&"CN".to_string()), "{c:#?}");
}

#[test]
fn state_bodies_coordinated_with_a_part_that_names_the_state_are_its() {
    let x = run("Serbia politicians and police on Wednesday again denied they had deployed a sound cannon against protesters.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("sound cannon")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(c.speaker.who.countries, ["RS"], "{c:#?}");
    // Not a part that is no body of a state: experts speak for none.
    let x = run("Serbian officials and independent experts said the device was never used.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("never used")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_ne!(c.speaker.who.countries, ["RS"], "{c:#?}");
}

#[test]
fn a_quantifier_floated_between_auxiliary_and_verb_keeps_the_cue() {
    let x = run("Serbia's police and the government have all firmly denied that they used such a device.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("used such a device")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!((c.stance.as_str(), c.speaker.who.countries.as_slice()), ("deny", ["RS".to_string()].as_slice()), "{c:#?}");
    // Not a quantifier opening the content: "urged both sides" keeps "both".
    let x = run("The European Union urged both sides to show restraint.", Some("en"));
    assert!(x.claims.iter().any(|c| c.text.starts_with("both sides")), "{:#?}", x.claims);
}

#[test]
fn a_pronoun_stands_for_the_person_an_opening_office_introduces_after_the_last_speaker() {
    // The subject of the sentence before, introduced by an office and a name in apposition, is who
    // "he" / « il » continues, though they said nothing yet and their first name tells no sex.
    let x = run("Zelensky said the troops were holding.\nIran's foreign minister, Abbas Araghchi, met his counterpart on Monday. \"We have no intention of building a weapon,\" he said.", Some("en"));
    let c = x.claims.iter().find(|c| c.text.contains("no intention")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!((c.speaker.who.name.as_str(), c.speaker.who.countries.as_slice()), ("Abbas Araghchi", ["IR".to_string()].as_slice()), "{c:#?}");
    let x = run("Selon Zelensky, les troupes tiennent leurs positions.\nLe chef de la diplomatie iranienne, Abbas Araghchi, a rencontré son homologue. « Nous ne voulons pas d'arme », a-t-il affirmé.", Some("fr"));
    let c = x.claims.iter().find(|c| c.text.contains("voulons")).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(c.speaker.who.countries, ["IR"], "{c:#?}");
}

#[test]
fn a_source_after_the_cue_leaves_what_was_said_before_it() {
    // "said in a statement carried by KCNA": nothing is said on the right of the cue.
    let x = run("North Korea will respond with force, the foreign ministry said in a statement carried by KCNA.", Some("en"));
    let c = x.claims.iter().find(|c| c.cue == "said").unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(c.text, "North Korea will respond with force", "{c:#?}");
    assert_eq!(via_states(c), [["KP".to_string()]], "{c:#?}");
}

#[test]
fn a_state_agency_after_its_cue_citing_a_body_relays_its_own_state_s_body() {
    for text in [
        "Les forces azerbaïdjanaises ont ouvert le feu, a rapporté l'agence officielle Armenpress, citant le ministère de la Défense.",
        "Azerbaijani forces opened fire overnight, the state news agency Armenpress reported, citing the defence ministry.",
    ] {
        let x = run(text, None);
        let c = x.claims.iter().find(|c| c.text.contains("feu") || c.text.contains("fire")).unwrap_or_else(|| panic!("{:#?}", x.claims));
        assert_eq!(c.speaker.who.countries, ["AM"], "{c:#?}");
        assert_eq!(via_states(c), [["AM".to_string()]], "{c:#?}");
    }
    // A body the cited words tie to a state stays that state's.
    let x = run("Xinhua, citing the Sudanese army, said the RSF attacked the city.", Some("en"));
    assert!(x.claims.iter().any(|c| c.speaker.who.countries == ["SD"]), "{:#?}", x.claims);
}

#[test]
fn a_source_named_after_a_trailing_attribution_is_no_second_claim() {
    // ", the ministry said, according to APA": the outlet that reports the statement, not a second
    // speaker of the same words; a state agency there relays it.
    let x = run("Armenian forces shelled our positions, the ministry said, according to APA.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert!(x.claims[0].via.is_empty(), "{:#?}", x.claims);
    let x = run("Armenian forces shelled our positions, the ministry said, according to Azertag.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(via_states(&x.claims[0]), [["AZ".to_string()]], "{:#?}", x.claims);
    // Alone, the source speaks.
    let x = run("Armenian forces shelled our positions, according to APA.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
}

#[test]
fn a_claim_noun_with_its_relative_pronoun_left_out_is_a_bare_reply_to_the_clause_before() {
    // "…, a claim the group denies": the noun is what is denied, not part of who denies it; the
    // reply answers the claim before the comma, and a group is never a state renamed.
    for (text, who) in [
        ("Israel says Hamas uses hospitals as command centres, a claim the group denies.", &[][..]),
        ("Kinshasa says Rwandan troops are fighting alongside the M23, an allegation Kigali has long rejected.", &["RW"][..]),
    ] {
        let x = run(text, Some("en"));
        assert_eq!(x.claims.len(), 2, "{text:?}: {:#?}", x.claims);
        let (said, reply) = (&x.claims[0], &x.claims[1]);
        assert_eq!(reply.stance.as_str(), "deny", "{:#?}", x.claims);
        assert_eq!(reply.speaker.who.countries, who, "{:#?}", x.claims);
        assert!(!reply.speaker.who.name.contains("claim") && !reply.speaker.who.name.contains("allegation"), "{:#?}", x.claims);
        assert_eq!(reply.responds_to.as_deref(), Some(said.id.as_str()), "{:#?}", x.claims);
        assert!(!said.text.contains(','), "the said claim ends before the reply: {:#?}", x.claims);
    }
}

#[test]
fn an_adverb_between_the_auxiliary_and_the_verb_is_part_of_the_cue() {
    // An open class, known by its ending ("resolutely", « vigoureusement ») or listed ("long").
    for (text, cue) in [
        ("Beijing has resolutely rejected the accusations of forced labour.", "has resolutely rejected"),
        ("Kigali has long denied backing the rebels.", "has long denied"),
        ("Le Kremlin a vigoureusement démenti ces informations.", "a vigoureusement démenti"),
    ] {
        let x = run(text, None);
        assert_eq!(x.claims.iter().map(|c| c.cue.as_str()).collect::<Vec<_>>(), [cue], "{text:?}: {:#?}", x.claims);
        assert_eq!(x.claims[0].stance.as_str(), "deny", "{:#?}", x.claims);
    }
}

#[test]
fn a_semicolon_ends_what_was_said_at_the_cue_s_level_of_quotation() {
    let x = run("Russia blamed Ukraine for the attack; Kyiv did not immediately comment.", Some("en"));
    assert_eq!(x.claims.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Ukraine for the attack"], "{:#?}", x.claims);
    // Inside a quotation it is part of what was said.
    let x = run("The minister said: \"We were attacked; we will respond.\"", Some("en"));
    assert!(x.claims.iter().any(|c| c.text.contains("we will respond")), "{:#?}", x.claims);
}

#[test]
fn a_clause_the_writer_joins_after_a_comma_is_no_part_of_the_claim_before() {
    // « …, mais les rebelles ont affirmé que … »: the second side speaks in its own right, even
    // after a "que" clause, which would otherwise hold reported speech as part of its own.
    for text in [
        "La junte a assuré que les rebelles avaient attaqué les premiers, mais les rebelles ont affirmé que l'armée avait bombardé des villages.",
        "The junta said that the rebels had attacked first, but the rebels said the army had shelled villages.",
    ] {
        let x = run(text, None);
        assert_eq!(x.claims.len(), 2, "{text:?}: {:#?}", x.claims);
        assert!(!x.claims[0].text.contains("villages"), "{:#?}", x.claims);
        assert!(x.claims[1].text.contains("villages"), "{:#?}", x.claims);
    }
    // Without the comma it is still what the first speaker reports.
    let x = run("La junte a assuré que les rebelles ont affirmé avoir attaqué.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
}

#[test]
fn a_russian_pointer_to_what_was_just_told_makes_the_sentence_before_its_speaker_s_claim() {
    // « Об этом сообщили в … »: the press convention naming the source after the fact.
    for text in [
        "Несколько сёл подверглись обстрелу. Об этом сообщили в Минобороны Армении.",
        "Несколько сёл подверглись обстрелу. Об этом 23 февраля сообщило Минобороны Армении.",
    ] {
        let x = run(text, Some("ru"));
        assert_eq!(x.claims.len(), 1, "{text:?}: {:#?}", x.claims);
        assert_eq!(x.claims[0].text, "Несколько сёл подверглись обстрелу", "{:#?}", x.claims);
        assert_eq!(x.claims[0].speaker.who.countries, ["AM"], "{:#?}", x.claims);
    }
    // A sentence that claims something already is only repeated: no second claim.
    let x = run("Ереван обвинил Баку в обстреле. Об этом сообщило Минобороны Армении.", Some("ru"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    // Nor is there anything to point back to at the start of a paragraph.
    no_claim("Об этом сообщили в Минобороны Армении.");
}

#[test]
fn an_agency_opening_the_sentence_citing_a_body_relays_that_body_s_claim() {
    // The issue's « сообщает ТАСС со ссылкой на … », fronted as wires write it, and its English form.
    for (text, who, via) in [
        ("Как сообщает ТАСС со ссылкой на Минобороны России, ВСУ обстреляли Донецк.", "RU", "RU"),
        ("According to Xinhua, citing the Sudanese army, the RSF attacked the city.", "SD", "CN"),
    ] {
        let x = run(text, None);
        assert_eq!(x.claims.len(), 1, "{text:?}: {:#?}", x.claims);
        let c = &x.claims[0];
        assert_eq!(c.speaker.who.countries, [who], "{c:#?}");
        assert_eq!(via_states(c), [[via.to_string()]], "{c:#?}");
        assert!(!c.text.contains("ссылкой") && !c.text.contains("citing"), "{c:#?}");
    }
}

#[test]
fn a_russian_demonstrative_object_before_its_verb_is_no_part_of_the_subject() {
    // « Армения это подтвердила »: Russian cue forms are verbs only, so a demonstrative before one
    // is its object, not the determiner of a noun; the subject is before it.
    let x = run("Армения это подтвердила.", Some("ru"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.name, "Армения", "{:#?}", x.claims);
    assert_eq!(x.claims[0].stance.as_str(), "confirm", "{:#?}", x.claims);
    // A demonstrative inside the subject stays in it.
    let x = run("Представитель этого ведомства заявил, что удар нанесён.", Some("ru"));
    assert_eq!(x.claims.iter().map(|c| c.speaker.who.name.as_str()).collect::<Vec<_>>(), ["Представитель этого ведомства"], "{:#?}", x.claims);
}

#[test]
fn asides_between_the_subject_and_its_verb_are_no_part_of_the_speaker() {
    // An adverb set off by commas, and a relative clause after a trailing subject.
    one_speaker_each(&[
        ("The Kremlin, however, said the talks had stalled.", "Kremlin"),
        ("Le ministère russe, de son côté, a affirmé que les pourparlers étaient bloqués.", "ministère russe"),
        ("The strike killed 12 people, the official, who declined to be named, said.", "official"),
    ]);
    let x = run("The strike killed 12 people, the official, who declined to be named, said.", Some("en"));
    assert_eq!(x.claims[0].text, "The strike killed 12 people", "{:#?}", x.claims);
}

#[test]
fn a_document_s_author_after_its_preposition_is_the_source() {
    // "according to a statement from the ministry": the ministry speaks, not "statement".
    let x = run("According to a statement from the Azerbaijani defence ministry, Armenian forces opened fire overnight.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.countries, ["AZ"], "{:#?}", x.claims);
    assert_eq!(x.claims[0].text, "Armenian forces opened fire overnight", "{:#?}", x.claims);
}

#[test]
fn an_adverb_set_off_by_commas_between_auxiliary_and_verb_is_part_of_the_cue() {
    for (text, who) in [
        ("Le ministère ukrainien de la Défense a, pour sa part, affirmé que les frappes visaient des cibles militaires.", "UA"),
        ("Russia's defence ministry has, however, said that the strikes targeted military sites.", "RU"),
    ] {
        let x = run(text, None);
        assert_eq!(x.claims.len(), 1, "{text:?}: {:#?}", x.claims);
        assert_eq!(x.claims[0].speaker.who.countries, [who], "{:#?}", x.claims);
        assert!(x.claims[0].text.starts_with("les frappes") || x.claims[0].text.starts_with("the strikes"), "{:#?}", x.claims);
    }
}

#[test]
fn a_relative_clause_claim_inside_the_subject_ends_before_the_main_verb() {
    // "X, which accuses Y of Z, says W": two claims of X, neither holding the other.
    for (text, first, second) in [
        ("Azerbaijan, which accuses Armenia of firing first, says it returned fire.", "Armenia of firing first", "it returned fire"),
        ("L'Azerbaïdjan, qui accuse l'Arménie d'avoir tiré la première, affirme avoir riposté.", "l'Arménie d'avoir tiré la première", "avoir riposté"),
    ] {
        let x = run(text, None);
        assert_eq!(x.claims.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), [first, second], "{:#?}", x.claims);
        assert!(x.claims.iter().all(|c| c.speaker.who.countries == ["AZ"]), "{:#?}", x.claims);
    }
}

#[test]
fn a_time_between_an_inverted_cue_and_its_subject_is_no_part_of_the_speaker() {
    one_speaker_each(&[("Les frappes ont visé des dépôts, a indiqué mardi à la presse le porte-parole de l'armée israélienne.", "porte-parole de l'armée israélienne")]);
}

#[test]
fn a_capitalized_determiner_opening_the_speaker_is_no_name() {
    // "Ces médias britanniques": the sentence's capital makes no name of « Ces ».
    let x = run("Ces médias britanniques avaient précédemment annoncé que des mercenaires combattaient.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.name, "médias britanniques", "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.countries, ["GB"], "{:#?}", x.claims);
}

#[test]
fn a_participle_or_adjunct_opening_the_sentence_leaves_the_apposed_subject_speaking() {
    // « Interrogé par …, le ministre …, X, a déclaré que … »: the clause after the cue is what was
    // said, never an inverted speaker.
    for text in [
        "Interrogé par la télévision d'État, le ministre iranien des Affaires étrangères, Abbas Araghchi, a déclaré que Téhéran répondrait à toute attaque.",
        "Lors d'un entretien, le ministre des Affaires étrangères, Abbas Araghchi, a déclaré que Téhéran répondrait à toute attaque.",
        "Speaking on state television, Iran's foreign minister, Abbas Araghchi, said that Tehran would respond to any attack.",
    ] {
        let x = run(text, None);
        assert_eq!(x.claims.len(), 1, "{text:?}: {:#?}", x.claims);
        assert_eq!(x.claims[0].speaker.who.name, "Abbas Araghchi", "{:#?}", x.claims);
        assert_eq!(x.claims[0].speaker.who.countries, ["IR"], "{:#?}", x.claims);
        assert!(["Téhéran répondrait à toute attaque", "Tehran would respond to any attack"].contains(&x.claims[0].text.as_str()), "{:#?}", x.claims);
    }
}

#[test]
fn a_cue_s_form_after_a_preposition_or_a_determiner_is_no_verb() {
    // "on state television": "state" qualifies a noun; the cue is "said", its content after "that".
    let x = run("He said on state television that the army had retaken the town. The ministry told state media that the drones had been shot down.", Some("en"));
    let texts: Vec<&str> = x.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["the army had retaken the town", "the drones had been shot down"], "{:#?}", x.claims);
    // After a determiner too: « un communiqué » is no cue whose « que » it would take.
    let x = run("Le Hamas a indiqué dans un communiqué que la frappe avait tué 12 personnes.", Some("fr"));
    assert_eq!(x.claims.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["la frappe avait tué 12 personnes"], "{:#?}", x.claims);
}

#[test]
fn a_french_group_or_movement_is_a_body_of_no_state_never_the_last_speaker() {
    // « le mouvement », « le groupe » head a body, as "the group" does; neither is the person who
    // spoke last.
    let x = run("Le Premier ministre hongrois Viktor Orban a estimé que ces mesures avaient échoué. L'armée israélienne a indiqué avoir frappé des cibles du Hezbollah, tandis que le mouvement a dit avoir tiré des roquettes sur une base.", Some("fr"));
    let last = x.claims.last().expect("claims");
    assert_eq!(last.text, "avoir tiré des roquettes sur une base", "{:#?}", x.claims);
    assert!(last.speaker.who.countries.is_empty(), "{:#?}", x.claims);
}

#[test]
fn a_multiword_adverb_between_auxiliary_and_participle_keeps_the_cue() {
    let x = run("Les autorités vénézuéliennes ont à plusieurs reprises nié ces accusations.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.countries, ["VE"], "{:#?}", x.claims);
    assert_eq!(x.claims[0].stance, crosscheck::model::Stance::Deny, "{:#?}", x.claims);
}

#[test]
fn a_day_between_the_cue_and_what_it_says_is_no_part_of_the_content() {
    for (text, content) in [
        ("L'armée pakistanaise a démenti mercredi un échange de tirs à la frontière.", "un échange de tirs à la frontière"),
        ("Russia said Sunday it had carried out a strike in eastern Ukraine.", "it had carried out a strike in eastern Ukraine"),
    ] {
        let x = run(text, None);
        assert_eq!(x.claims.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), [content], "{:#?}", x.claims);
    }
}

#[test]
fn capitalized_words_before_an_institution_noun_name_the_body_not_a_person() {
    // "Russia's Investigative Committee" was a person called "Investigative"; "The Election
    // Commission" a person called "Election".
    let x = run("Russia's Investigative Committee said it had opened a criminal case.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.name, "Russia's Investigative Committee", "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.countries, ["RU"], "{:#?}", x.claims);
    // A body with a name of its own renames no body that spoke before it.
    let x = run("Ukraine's Security Service said it had detained two agents. The Election Commission said the vote was fair.", Some("en"));
    assert_eq!(x.claims.len(), 2, "{:#?}", x.claims);
    assert_eq!(x.claims[1].speaker.who.name, "Election Commission", "{:#?}", x.claims);
}

#[test]
fn a_relay_named_twice_in_one_sentence_relays_once() {
    let x = run("Iran's foreign ministry spokesman Esmaeil Baghaei told a weekly news conference that the sanctions were illegal, state news agency IRNA reported.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(via_states(&x.claims[0]), [vec!["IR".to_string()]], "{:#?}", x.claims);
}

#[test]
fn an_office_or_document_naming_no_state_is_never_the_state_its_claim_calls_a_liar() {
    // "the foreign ministry" renamed Peru's foreign ministry, named before, though what it says is
    // that Peru spreads false reports: the statement is the other side's.
    let en = "Peru's foreign ministry said on Monday that Chilean ships had entered its waters. Santiago issued a statement in the evening.\n\n\
              According to the document released by the foreign ministry, Peru is spreading false reports about the fishing fleet.";
    let fr = "Le ministère péruvien des Affaires étrangères a affirmé lundi que des navires chiliens étaient entrés dans ses eaux. Santiago a publié un communiqué dans la soirée.\n\n\
              « Le ministère péruvien des Affaires étrangères diffuse une nouvelle désinformation sur la flotte de pêche », selon le communiqué publié sur le site du ministère des Affaires étrangères.";
    for (text, lang) in [(en, "en"), (fr, "fr")] {
        let x = run(text, Some(lang));
        let states: Vec<&[String]> = x.claims.iter().map(|c| c.speaker.who.countries.as_slice()).collect();
        assert_eq!(states, [["PE"], ["CL"]], "{:#?}", x.claims);
    }
    // A state inside the proposition denied, or a subject that itself rejects, is not accused.
    let x = run("Chile's navy said on Monday that its ships had stayed in international waters.\n\nInformation that Chilean ships entered Peruvian waters is not true, said the navy.", Some("en"));
    assert!(x.claims.iter().all(|c| c.speaker.who.countries == ["CL"]), "{:#?}", x.claims);
    let x = run("Le ministère chilien de la Défense a réagi lundi. « Le gouvernement chilien rejette ces accusations infondées », a déclaré le ministère.", Some("fr"));
    assert!(x.claims.iter().all(|c| c.speaker.who.countries == ["CL"]), "{:#?}", x.claims);
}

#[test]
fn a_first_name_opening_a_schools_name_is_no_person_a_pronoun_stands_for() {
    // "James M. Hill High School" was a man named "James M. Hill High", and every "he" after it
    // his: the body's noun came after the four words a name is read over.
    let x = run("Finance Minister Robert Alvarez spoke on Thursday at George W. Carver High School in Houston.\n\nHe said the budget would be balanced next year.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.name, "Robert Alvarez", "{:#?}", x.claims);
}

#[test]
fn a_speaker_denying_in_their_own_words_or_calling_it_another_lie_denies_whatever_verb_reports_it() {
    // "“We categorically deny information of …,” the ministry said" and "That's another lie
    // coming from …" were plain assertions: the verb reporting them ("said") is no denial.
    let text = "Chile's navy said on Monday that Peruvian boats had fired on its patrol.\n\n\
                \u{201c}We categorically deny reports that our sailors opened fire first,\u{201d} the Peruvian defence ministry said in a statement.\n\n\
                \u{201c}That's another lie coming from the Chilean navy,\u{201d} Peru's navy said.";
    let x = run(text, Some("en"));
    let stances: Vec<(&str, crosscheck::model::Stance)> = x.claims.iter().map(|c| (c.speaker.who.countries.first().map_or("", String::as_str), c.stance)).collect();
    assert_eq!(stances, [("CL", crosscheck::model::Stance::Assert), ("PE", crosscheck::model::Stance::Deny), ("PE", crosscheck::model::Stance::Deny)], "{:#?}", x.claims);
    // Both answer the Chilean claim.
    assert!(x.claims[1..].iter().all(|c| c.responds_to.as_deref() == Some("c1")), "{:#?}", x.claims);
    // A first person that only reports, or denies in a later clause, asserts.
    let x = run("\u{201c}We reported the incident to the coast guard, which denied it,\u{201d} the captain said.", Some("en"));
    assert!(x.claims.iter().all(|c| c.stance == crosscheck::model::Stance::Assert), "{:#?}", x.claims);
}

#[test]
fn a_subject_whose_apposition_holds_commas_speaks_and_a_clause_after_said_is_what_it_said() {
    // "X, who …, …, said Russia has violated …" read "Russia" as an inverted speaker of the
    // subject phrase; "X, Minister of A, B and C, said …" gave no claim at all.
    let text = "Marta Ruiz, who heads the monitoring mission, toured the front line and met both sides, said Russia has violated the ceasefire.\n\n\
                Olena Koval, Minister of Reintegration, Veterans and Temporarily Occupied Territories, said on Thursday that the talks had stalled.";
    let x = run(text, Some("en"));
    let got: Vec<(&str, &str)> = x.claims.iter().map(|c| (c.speaker.who.name.as_str(), c.text.as_str())).collect();
    assert_eq!(got, [("Marta Ruiz", "Russia has violated the ceasefire"), ("Olena Koval", "the talks had stalled")], "{:#?}", x.claims);
    assert!(x.claims[0].speaker.who.countries.is_empty(), "the state named in what was said is not the speaker's: {:#?}", x.claims[0]);
    // An apposition ending on a time adverb ("on Thursday") is still an apposition; it gave no claim.
    let x = run("Ivan Roenick, a former player who played on Thursday, said the wind was strong.", Some("en"));
    let got: Vec<(&str, &str)> = x.claims.iter().map(|c| (c.speaker.who.name.as_str(), c.text.as_str())).collect();
    assert_eq!(got, [("Ivan Roenick", "the wind was strong")], "{:#?}", x.claims);
    // What is said before a subject set off by a relative clause stays what was said.
    let x = run("The strike killed 12 people, the official, who declined to be named, said.", Some("en"));
    let got: Vec<(&str, &str)> = x.claims.iter().map(|c| (c.speaker.who.name.as_str(), c.text.as_str())).collect();
    assert_eq!(got, [("official", "The strike killed 12 people")], "{:#?}", x.claims);
    // A real inversion still names its speaker after the verb, in French too.
    let x = run("\u{ab} Les pourparlers sont dans l'impasse \u{bb}, a déclaré à la presse le ministre ukrainien des Affaires étrangères.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.countries, ["UA"], "{:#?}", x.claims);
}

#[test]
fn a_bare_first_name_keeps_the_sex_its_full_name_told() {
    // "Jayme Closs … Jayme told police … He told detectives": "he" stood for Jayme, whose bare
    // first name told no sex, rather than for the man named before her.
    let text = "Jake Patterson was charged on Monday with kidnapping. Police found 13-year-old Jayme Closs alive in January.\n\n\
                Jayme told police that her dog began to bark.\n\n\
                He told detectives that he had disabled the dome light.";
    let x = run(text, Some("en"));
    let last = x.claims.last().expect("claims");
    assert_eq!(last.text, "he had disabled the dome light", "{:#?}", x.claims);
    assert_eq!(last.speaker.who.name, "Jake Patterson", "{:#?}", x.claims);
}

#[test]
fn the_outlets_own_judgement_written_into_a_claim_is_no_part_of_it() {
    // "accused Pakistan without any evidence of sheltering …" and « …, sans présenter de preuves
    // étayant ces affirmations » put the outlet's words in the speaker's mouth.
    let x = run("Taliban spokesman Zabiullah Mujahid accused Pakistan without any evidence of sheltering militants near the border.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert!(!x.claims[0].text.contains("evidence") && x.claims[0].text.contains("sheltering militants"), "{:#?}", x.claims);
    let x = run("L'armée russe a affirmé que l'hôpital avait été touché par des débris de missiles ukrainiens, sans présenter de preuves étayant ces affirmations.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].text, "l'hôpital avait été touché par des débris de missiles ukrainiens", "{:#?}", x.claims);
    // Said by the speaker, the words are theirs.
    let x = run("\u{201c}They accused us without any evidence,\u{201d} the minister said.", Some("en"));
    assert_eq!(x.claims[0].text, "They accused us without any evidence", "{:#?}", x.claims);
}

#[test]
fn a_verb_that_adds_a_thing_says_nothing_whatever_verb_a_relative_clause_after_it_holds() {
    // "Nova Scotia added the drug group to its program, which tracks …" was a claim: the verb of
    // the relative clause made the object read as a clause.
    let x = run("This fall, Nova Scotia added the drug group to its prescription monitoring program, which tracks the dispensing of certain medications.", Some("en"));
    assert!(x.claims.is_empty(), "{:#?}", x.claims);
    let x = run("The minister added that the program tracks the dispensing of certain medications.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
}

#[test]
fn an_attribution_set_off_inside_a_clause_leaves_the_whole_clause_said() {
    // "The attack, the ministry said, was carried out by drones" said only "was carried out by
    // drones"; « Les forces russes, a affirmé le ministère, ont bombardé la ville » only « Les forces
    // russes ».
    let x = run("The attack, the Ukrainian defence ministry said, was carried out by drones.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert!(x.claims[0].text.starts_with("The attack") && x.claims[0].text.ends_with("was carried out by drones"), "{:#?}", x.claims);
    assert_eq!(x.claims[0].speaker.who.countries, ["UA"], "{:#?}", x.claims);
    let x = run("Les forces russes, a affirmé le ministère ukrainien de la Défense, ont bombardé la ville.", Some("fr"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert!(x.claims[0].text.starts_with("Les forces russes") && x.claims[0].text.ends_with("ont bombardé la ville"), "{:#?}", x.claims);
    // An attribution that ends the clause, and a gerund cue after it, keep what they had.
    let x = run("Russian forces shelled the village, the army said, adding that two people died.", Some("en"));
    let texts: Vec<&str> = x.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["Russian forces shelled the village", "two people died"], "{:#?}", x.claims);
}

#[test]
fn a_claim_noun_called_false_is_its_authors_claim_and_the_denial_answers_it() {
    // "X's claim that Z is not true, Y said": X's claim swallowed "is not true" and became a
    // denial of its own; inverted after it (", said Y") or quoted before a Russian dash cue, Y's
    // denial was lost, the claim noun taken for Y's relay.
    let check = |text: &str, lang: &str, claimed: &str| {
        let x = run(text, Some(lang));
        let denial = x.claims.iter().find(|c| c.stance == crosscheck::model::Stance::Deny).unwrap_or_else(|| panic!("a denial in {text}: {:#?}", x.claims));
        assert_eq!(denial.speaker.who.countries, ["AM"], "{:#?}", x.claims);
        let target = x.claims.iter().find(|c| Some(c.id.as_str()) == denial.responds_to.as_deref()).unwrap_or_else(|| panic!("the denial answers a claim: {:#?}", x.claims));
        assert_eq!(target.stance, crosscheck::model::Stance::Assert, "{:#?}", x.claims);
        assert!(target.text.ends_with(claimed), "the claim ends with what was claimed, not with its judgement: {:#?}", x.claims);
    };
    check("The Azerbaijani defense ministry's claim that Armenian units opened fire is not true, the Armenian defense ministry said.", "en", "opened fire");
    check("The claim that Armenian units opened fire is not true, said the Armenian defense ministry.", "en", "opened fire");
    check("Les accusations de Bakou selon lesquelles des unités arméniennes ont ouvert le feu sont fausses, a déclaré le ministère arménien de la Défense.", "fr", "ouvert le feu");
    check("Сообщение министерства обороны Азербайджана о том, что армянские подразделения открыли огонь, не соответствует действительности, заявило Минобороны Армении.", "ru", "открыли огонь");
    check("\u{ab}Сообщение министерства обороны Азербайджана о том, что армянские подразделения открыли огонь, не соответствует действительности\u{bb}, \u{2013} заявило Минобороны Армении.", "ru", "открыли огонь");
}

#[test]
fn a_relay_that_is_the_speakers_own_state_organ_stands_for_that_state() {
    // "…," a statement issued by his office said / "as reported by state media": the relay named
    // no state, so the claim's `via` held no party.
    let x = run("\u{201c}The prime minister described the strike on the Iraqi army as an unacceptable assault,\u{201d} a statement issued by his office said. Iraqi Prime Minister Adel Abdel Mahdi had called the cabinet.", Some("en"));
    let c = x.claims.iter().find(|c| !c.via.is_empty()).unwrap_or_else(|| panic!("a relayed claim: {:#?}", x.claims));
    assert_eq!(c.speaker.who.countries, ["IQ"], "{:#?}", x.claims);
    assert_eq!(c.via[0].countries, ["IQ"], "{:#?}", x.claims);
    let x = run("Chinese Foreign Ministry spokesman Lin Jian said the drills were over, as reported by state media.", Some("en"));
    assert_eq!(x.claims.len(), 1, "{:#?}", x.claims);
    assert_eq!(x.claims[0].via.iter().map(|v| v.countries.clone()).collect::<Vec<_>>(), [vec!["CN".to_string()]], "{:#?}", x.claims);
}

#[test]
fn a_russian_passive_participle_before_a_claim_noun_names_its_author_through_its_agent() {
    // «Распространенное министерством обороны Азербайджана сообщение о том, что …» was a claim of
    // "сообщение", of no party.
    let x = run("\u{ab}Распространенное министерством обороны Азербайджана сообщение о том, что армянские подразделения открыли огонь, не соответствует действительности\u{bb}, \u{2013} заявило Минобороны Армении.", Some("ru"));
    let claim = x.claims.iter().find(|c| c.stance == crosscheck::model::Stance::Assert).unwrap_or_else(|| panic!("{:#?}", x.claims));
    assert_eq!(claim.speaker.who.countries, ["AZ"], "{:#?}", x.claims);
    assert!(claim.text.ends_with("открыли огонь"), "{:#?}", x.claims);
}

#[test]
fn a_demonym_of_two_or_three_words_names_its_state() {
    // Looked up a word at a time, "South Korean" was "Korean", of no state (a GGT article's "South
    // Korean officials"), and "Papua New Guinean" was Guinea's.
    check("\"We will not accept this,\" the South Korean president told reporters.", &[Want { countries: &["KR"], contains: "We will not accept this", stance: "assert" }]);
    check("The Sri Lankan foreign minister said that the talks had failed.", &[Want { countries: &["LK"], contains: "the talks had failed", stance: "assert" }]);
    check("Papua New Guinean officials denied that the mine had polluted the river.", &[Want { countries: &["PG"], contains: "the mine had polluted the river", stance: "deny" }]);
    check("Costa Ricans living abroad said the vote had been fair.", &[Want { countries: &["CR"], contains: "the vote had been fair", stance: "assert" }]);
}

#[test]
fn a_quoted_sentence_set_off_before_its_speaker_is_what_was_said_whatever_follows_the_verb() {
    // "… said into his phone as his mother wept" was the claim, and the quotation none (GGT 007,
    // 058, 059, 061, 076, 085: "said inside his factory …", "said about the planned withdrawal",
    // "said earnestly", "said, his voice breaking").
    let want = |contains| [Want { countries: &["UA"], contains, stance: "assert" }];
    check("“We will not retreat,” the Ukrainian commander said by telephone as shells fell nearby.", &want("We will not retreat"));
    check("\"The line holds,\" the Ukrainian army said about the fighting near the town.", &want("The line holds"));
    let x = run("“We will not retreat,” the Ukrainian commander said by telephone as shells fell nearby.", None);
    assert_eq!(x.claims.len(), 1, "how it was said is no second claim: {:#?}", x.claims);
    // A quoted word is no quoted sentence: what follows the verb is still what was said.
    check("Kyiv called the report “false” on Thursday and in a statement said it never shelled the town.", &[Want { countries: &["UA"], contains: "it never shelled the town", stance: "assert" }]);
}

#[test]
fn a_participle_after_a_nouns_possessive_is_an_adjective_and_its_owner_said_nothing() {
    // "the board's repeated failures constitute an emergency" was the board's claim (GGT 042).
    no_claim("Russia's reported losses exceed 5,000 troops.");
    no_claim("The police's alleged abuses were documented in the annex.");
    no_claim("The board's repeated failures constitute an emergency.");
}

#[test]
fn a_title_written_all_in_capitals_is_read_as_a_sentence() {
    // A capitalized cue inside a sentence was taken for a name ("United States", "Reports"), so a
    // title in capitals said nothing: «ЕРЕВАН ОПРОВЕРГ СООБЩЕНИЕ БАКУ …» lost Yerevan's denial.
    check("ЕРЕВАН ОПРОВЕРГ СООБЩЕНИЕ БАКУ ОБ ОБСТРЕЛЕ ПОЗИЦИЙ\n", &[Want { countries: &["AM"], contains: "ОБ ОБСТРЕЛЕ ПОЗИЦИЙ", stance: "deny" }]);
    check("LE PAKISTAN DÉMENT AVOIR TUÉ CINQ SOLDATS INDIENS\n", &[Want { countries: &["PK"], contains: "AVOIR TUÉ CINQ SOLDATS", stance: "deny" }]);
    check("INFORMATION CIRCULATED BY THE ARMENIAN DEFENSE MINISTRY IS A LIE, THE AZERBAIJANI DEFENSE MINISTRY REPORTED.\n", &[Want { countries: &["AZ"], contains: "IS A LIE", stance: "deny" }]);
    // A title has one verb: a cue word after it is a noun.
    let x = run("BEN WALLACE CALLS LOCKDOWN CLAIMS \"DEEPLY UNFAIR\"\n", Some("en"));
    assert!(x.claims.iter().all(|c| c.cue != "CLAIMS"), "{:#?}", x.claims);
    // Capitals among lowercase words still make a name.
    no_claim("The United States Reports Office opened a branch in Lyon.");
}

#[test]
fn a_relative_clause_set_off_by_commas_says_nothing_past_its_closing_comma() {
    // "…, an independent political expert who writes extensively about the Kremlin, noted that …"
    // was a claim of "writes" running on into the sentence's own verb (GGT 059), and the claim of
    // "noted" was lost.
    one_speaker_each(&[
        ("Tatiana Stanovaya, who writes about the Kremlin, noted that the talks had failed.", "Tatiana Stanovaya"),
        ("Tatiana Stanovaya, an analyst who writes about the Kremlin, said the talks had failed.", "Tatiana Stanovaya"),
    ]);
    // What a relative clause says after "that" is still said.
    check("The minister, who said that the army, tired and short of shells, would withdraw, left the room.", &[Want { countries: &[], contains: "tired and short of shells, would withdraw", stance: "assert" }]);
}
