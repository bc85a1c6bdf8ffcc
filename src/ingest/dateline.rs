//! Facts a dispatch states about itself in its opening lines, for inputs without metadata
//! (plain text, Markdown, pages and PDFs that declare none): the outlet from a dateline
//! ("MOSCOW, Dec 1 (Reuters) –", "(AFP) –", « TASS/ Mercredi », "YEREVAN, JUNE 28, ARMENPRESS."),
//! the publication day it names, and the author from a byline (« Par … », "By …").
//!
//! Only the first few paragraphs are read, and each rule wants the shape of a dateline, not a
//! word that happens to be in parentheses: a day without a year takes the latest year that does
//! not put it after the reference day (the import day).

use chrono::{Datelike, NaiveDate};

/// What the opening lines say; `None` where they say nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    /// The agency or outlet credited.
    pub outlet: Option<String>,
    /// The author of a byline.
    pub author: Option<String>,
    /// The day the dateline names.
    pub date: Option<NaiveDate>,
}

/// Paragraphs read: a title, a byline and the dateline's paragraph, with room for a subtitle.
const PARAGRAPHS: usize = 5;
/// Chars of a paragraph a dateline may take before its dash.
const HEAD: usize = 90;

/// Reads the dateline and byline of `text`; `today` anchors days written without a year.
pub fn read(text: &str, today: NaiveDate) -> Dateline {
    let mut found = Dateline::default();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()).take(PARAGRAPHS) {
        if found.author.is_none() {
            found.author = byline(line);
        }
        if found.outlet.is_none() {
            if let Some((outlet, date)) = dateline(line, today) {
                found.outlet = Some(outlet);
                found.date = found.date.or(date);
            }
        }
        if found.date.is_none() {
            found.date = place_and_day(line, today);
        }
    }
    found
}

/// « Par Jean Dupont », "By Jane Smith and John Doe": a short paragraph of capitalised names.
fn byline(line: &str) -> Option<String> {
    let rest = line.strip_prefix("Par ").or_else(|| line.strip_prefix("By ")).or_else(|| line.strip_prefix("BY "))?;
    // "By Jane Smith, Reuters" or "Par Jean Dupont - AFP": the name ends at the credit.
    let name = rest.split([',', '|']).next().unwrap_or(rest).split(" - ").next().unwrap_or(rest).split(" – ").next().unwrap_or(rest);
    let name = name.trim().trim_end_matches(['.', ':']);
    let words: Vec<&str> = name.split_whitespace().collect();
    const PARTICLES: &[&str] = &["de", "du", "des", "la", "le", "van", "von", "der", "and", "et", "da", "di", "al", "el", "bin", "ibn"];
    let named = (1..=8).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(w))
        && words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase));
    named.then(|| words.join(" "))
}

/// The outlet (and day) of a dateline paragraph, if it opens with one.
fn dateline(line: &str, today: NaiveDate) -> Option<(String, Option<NaiveDate>)> {
    let head: String = line.chars().take(HEAD).collect();
    // « TASS/ Mercredi, … »: an agency in capitals, then a slash and a space ("BELGRADE/PRISTINA"
    // names two places).
    if let Some((agency, rest)) = head.split_once('/') {
        let agency = agency.trim();
        if is_agency_caps(agency) && rest.starts_with(char::is_whitespace) {
            return Some((agency.to_string(), None));
        }
    }
    // "MOSCOW, Dec 1 (Reuters) –", "Manila (AFP) Mar 22, 2024", "(AFP) –", "BAGDAD (Reuters) - ".
    if let Some(open) = head.find('(') {
        let close = head[open..].find(')').map(|c| open + c)?;
        let agency = head[open + 1..close].trim();
        let before = &head[..open];
        let after = head[close + 1..].trim_start();
        let agency_like = (2..=24).contains(&agency.chars().count())
            && agency.chars().next().is_some_and(char::is_uppercase)
            && !agency.chars().any(|c| c.is_ascii_digit())
            && agency.split_whitespace().count() <= 2;
        // Before it, a place and a day in capitals or title case: no lowercase word but months.
        let place_like = before.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || month(w).is_some()
        });
        let ends = after.is_empty()
            || after.starts_with(['–', '-', '—', ':'])
            || date_in(after.split(['–', '—']).next().unwrap_or(after), today).is_some();
        if agency_like && place_like && ends && before.chars().count() <= 50 {
            let date = date_in(before, today).or_else(|| date_in(after.split(['–', '—']).next().unwrap_or(""), today));
            return Some((agency.to_string(), date));
        }
    }
    // "YEREVAN, JUNE 28, ARMENPRESS.", "EREVAN, 28 JUIN, ARMENPRESS.": place, day, agency.
    let parts: Vec<&str> = head.splitn(4, ',').map(str::trim).collect();
    if parts.len() >= 3 && is_caps_words(parts[0]) {
        if let Some(date) = date_in(parts[1], today) {
            let agency = parts[2].split(['.', ' ']).next().unwrap_or("").trim();
            if is_agency_caps(agency) {
                return Some((agency.to_string(), Some(date)));
            }
        }
    }
    None
}

/// The day of a dateline without an agency: "MOSCOU, 14 mars - …", "NEW DELHI, Feb. 27 - …",
/// "BELGRADE/PRISTINA, Sept 25 - …": a place in capitals, a comma, a day, a dash.
fn place_and_day(line: &str, today: NaiveDate) -> Option<NaiveDate> {
    let head: String = line.chars().take(HEAD).collect();
    let (place, rest) = head.split_once(',')?;
    if !place.split('/').all(is_caps_words) {
        return None;
    }
    let (day, _) = rest.split_once(['-', '–', '—'])?;
    if day.chars().count() > 24 {
        return None;
    }
    date_in(day, today)
}

/// An agency name in capitals: "TASS", "ARMENPRESS", "RIA-NOVOSTI".
fn is_agency_caps(s: &str) -> bool {
    (2..=16).contains(&s.chars().count())
        && s.chars().all(|c| c.is_uppercase() || c == '-')
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A place in capitals: "YEREVAN", "NEW DELHI".
fn is_caps_words(s: &str) -> bool {
    !s.is_empty() && s.chars().count() <= 30 && s.chars().all(|c| c.is_uppercase() || c == ' ' || c == '-' || c == '\'')
}

/// The month a word names (English or French, full or abbreviated, any case).
fn month(word: &str) -> Option<u32> {
    let w = crate::text::fold(word.trim_end_matches('.'));
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv"],
        &["february", "feb", "fevrier", "fev", "fevr"],
        &["march", "mar", "mars"],
        &["april", "apr", "avril", "avr"],
        &["may", "mai"],
        &["june", "jun", "juin"],
        &["july", "jul", "juillet", "juil"],
        &["august", "aug", "aout"],
        &["september", "sep", "sept", "septembre"],
        &["october", "oct", "octobre"],
        &["november", "nov", "novembre"],
        &["december", "dec", "decembre"],
    ];
    MONTHS.iter().position(|names| names.contains(&w.as_str())).map(|i| i as u32 + 1)
}

/// The first day named in `s`: "Dec 1", "1 December 2024", "JUNE 28", "28 juin", "Mar 22, 2024",
/// "2024-03-22". Without a year, the latest year that does not put the day after `today`.
fn date_in(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for w in &words {
        if let Ok(d) = NaiveDate::parse_from_str(w.trim_end_matches(['.', ')']), "%Y-%m-%d") {
            return Some(d);
        }
    }
    let number = |w: Option<&&str>| w.and_then(|w| w.trim_end_matches(['.', 'e', 'r']).parse::<u32>().ok());
    for (i, w) in words.iter().enumerate() {
        let Some(m) = month(w) else { continue };
        let (day, year_at) = match (number(i.checked_sub(1).and_then(|j| words.get(j))), number(words.get(i + 1))) {
            (Some(d), _) if (1..=31).contains(&d) => (d, i + 1),
            (_, Some(d)) if (1..=31).contains(&d) => (d, i + 2),
            _ => continue,
        };
        let year = words.get(year_at).and_then(|y| y.trim_end_matches('.').parse::<i32>().ok()).filter(|y| (1900..=2200).contains(y));
        return match year {
            Some(y) => NaiveDate::from_ymd_opt(y, m, day),
            None => {
                let this = NaiveDate::from_ymd_opt(today.year(), m, day)?;
                if this > today { NaiveDate::from_ymd_opt(today.year() - 1, m, day) } else { Some(this) }
            }
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, outlet: Option<&str>, author: Option<&str>, date: Option<(i32, u32, u32)>) {
        let today = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        let got = read(text, today);
        let want = Dateline {
            outlet: outlet.map(str::to_string),
            author: author.map(str::to_string),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        };
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn datelines_and_bylines_of_plain_text_dispatches() {
        check("Title\n\nMOSCOW, Dec 1 (Reuters) – Russia said on Friday …", Some("Reuters"), None, Some((2023, 12, 1)));
        check("TASS/ Mercredi, lors de conversations téléphoniques …", Some("TASS"), None, None);
        check("Title\n(AFP) – Les rebelles affirment …", Some("AFP"), None, None);
        check("Title\nPar Jean-Pierre Dupont\nBAGDAD (Reuters) - L'Irak dénonce …", Some("Reuters"), Some("Jean-Pierre Dupont"), None);
        check("Philippine Coast Guard accuses …\nManila (AFP) Mar 22, 2024\n\nThe Philippine …", Some("AFP"), None, Some((2024, 3, 22)));
        check("YEREVAN, JUNE 28, ARMENPRESS. The Defense Ministry …", Some("ARMENPRESS"), None, Some((2024, 6, 28)));
        check("EREVAN, 28 JUIN, ARMENPRESS. Le ministère arménien …", Some("ARMENPRESS"), None, Some((2024, 6, 28)));
        check("ISTANBUL (AA) – China Thursday questioned …", Some("AA"), None, None);
        check("Title\nBy Jane Smith, Reuters\nText.", None, Some("Jane Smith"), None);
    }

    #[test]
    fn words_in_parentheses_or_by_in_a_sentence_are_not_datelines() {
        check("Le ministère (qui dément) a déclaré …", None, None, None);
        check("The army said (in a statement) – and then …", None, None, None);
        check("By the end of the week the troops had left.", None, None, None);
        check("New Delhi: Ukraine's air force on Thursday said …", None, None, None);
        check("Les forces de l'OTAN (NATO) ont déclaré …", None, None, None);
        check("BELGRADE/PRISTINA, Nov 21 – Serbia and Kosovo traded blame …", None, None, Some((2023, 11, 21)));
        check("Title\n\nMOSCOU, 14 mars - La porte-parole …", None, None, Some((2024, 3, 14)));
        check("NEW DELHI, Feb. 27 - India's Ministry …", None, None, Some((2024, 2, 27)));
        check("Paris, le ministère a dit - enfin - que …", None, None, None);
    }
}
